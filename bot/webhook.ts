import crypto from "node:crypto";
import http from "node:http";
import type { Update } from "telegraf/types";
import type { Logger } from "../services/logger.ts";
import { withTelegramRetry } from "../services/telegram-retry.ts";
import type { BotApi } from "./telegram.ts";
import { UpdateDispatcher } from "./dispatch.ts";
import type { Runner } from "./polling.ts";

// Webhook mode: our own small HTTP server. Telegram posts updates to WEBHOOK_URL — registered
// exactly as given — with WEBHOOK_SECRET in X-Telegram-Bot-Api-Secret-Token; anything else is
// refused. An update is answered 200 as soon as it is queued (the dispatcher handles chats
// concurrently, each chat in order), so a slow update never holds Telegram's connection.
// `GET /healthz` says whether the database answers and when the scheduler last ran.

export interface Health {
  ok: boolean;
  body: Record<string, unknown>;
}

export interface WebhookOptions {
  logger: Logger;
  handle: (update: Update) => Promise<void>;
  url: string;
  secret: string;
  port: number;
  host?: string;
  health: () => Promise<Health>;
  maxInFlight?: number;
}

const MAX_BODY_BYTES = 1024 * 1024;

function sameSecret(expected: string, got: string | string[] | undefined): boolean {
  if (typeof got !== "string") return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(got);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(data), "cache-control": "no-store" });
  res.end(data);
}

export async function runWebhook(telegram: BotApi, opts: WebhookOptions): Promise<Runner> {
  const { logger } = opts;
  const dispatcher = new UpdateDispatcher(opts.handle, {
    ...(opts.maxInFlight ? { maxInFlight: opts.maxInFlight } : {}),
    onError: (err, update) => logger.error({ err, updateId: update.update_id }, "update failed"),
  });
  const hookPath = new URL(opts.url).pathname;
  let stopping = false;

  const server = http.createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      if ((req.method === "GET" || req.method === "HEAD") && path === "/healthz") {
        const health = await opts.health().catch((err: unknown) => ({ ok: false, body: { status: "unavailable", error: String((err as Error)?.message ?? err) } }));
        return json(res, health.ok ? 200 : 503, health.body);
      }
      if (req.method !== "POST" || path !== hookPath) return json(res, 404, { ok: false });
      if (!sameSecret(opts.secret, req.headers["x-telegram-bot-api-secret-token"])) return json(res, 403, { ok: false });
      if (stopping) return json(res, 503, { ok: false });
      const body = await readBody(req);
      if (body === null) return json(res, 413, { ok: false });
      let update: Update;
      try {
        update = JSON.parse(body.toString("utf8")) as Update;
      } catch {
        return json(res, 400, { ok: false });
      }
      if (typeof update?.update_id !== "number") return json(res, 400, { ok: false });
      await dispatcher.push(update);
      res.writeHead(200).end();
    })().catch((err: unknown) => {
      logger.error({ err }, "webhook request failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  try {
    // exactly the URL given: no path added, nothing changed
    await withTelegramRetry(() => telegram.setWebhook(opts.url, { secret_token: opts.secret, allowed_updates: [] }), {
      attempts: 5,
      backoffMs: 1000,
      maxRetryAfterMs: 60_000,
      totalMs: 120_000,
    });
  } catch (err) {
    server.close();
    throw err;
  }

  return {
    dispatcher,
    done,
    async stop(graceMs = 10_000) {
      stopping = true;
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      const finished = await dispatcher.idle(graceMs);
      if (!finished) logger.warn({ inFlight: dispatcher.inFlight }, "stopping with updates still in hand");
      server.closeAllConnections();
      await closed;
      settle();
    },
  };
}
