import http from "node:http";
import type { AddressInfo } from "node:net";

// A small Telegram Bot API emulator over real HTTP: telegraf talks to it through `telegram.apiRoot`.
// It records every call, serves getUpdates (long polling), getFile and file downloads, and can
// be told to fail the next calls (429, 403, 5xx, dropped connection) or to enforce Telegram's flood limits.

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  /** multipart uploads: field name → file name and bytes */
  files: Record<string, { name: string; data: Buffer }>;
  at: number;
  /** the request path as the bot sent it (it holds the token: for tests that check it never leaks) */
  path: string;
}

export type Failure =
  | { status: 429; retryAfter: number }
  | { status: 403; description?: string }
  | { status: 400; description: string }
  | { status: 500 | 502 | 503 }
  | { drop: true };

interface StoredFile {
  path: string;
  data: Buffer;
}

export interface SentMessage {
  messageId: number;
  chatId: string;
  text: string;
  method: string;
  params: Record<string, unknown>;
}

/** Telegram's flood limits as the emulator enforces them, measured when a request arrives. */
export interface RateLimits {
  /** messages in any second, all chats together (Telegram: about 30) */
  perSecond?: number;
  /** per chat: a bucket of `perChatBurst` messages refilled at one a second (Telegram: about one a second) */
  perChatBurst?: number;
  /** the time a request arrives at; a test with a hand-moved clock passes it here */
  now?: () => number;
}

/** Methods that put a message into a chat: what the flood limits count. */
const SENDING = new Set(["sendMessage", "sendDocument", "sendPhoto", "sendMediaGroup", "sendAudio", "sendVideo", "copyMessage", "forwardMessage"]);

export class FakeBotApi {
  readonly calls: ApiCall[] = [];
  /** with `enforceLimits`: what the emulator accepted and refused with a 429 */
  readonly flood = { accepted: 0, refused: 0 };
  #limits: Required<RateLimits> | null = null;
  #floodUntil = 0;
  #window: number[] = [];
  #chats = new Map<string, { tokens: number; at: number }>();
  readonly botUser = { id: 7000000001, is_bot: true, first_name: "Веха", username: "vekha_test_bot" };
  #server: http.Server;
  #updates: unknown[] = [];
  #nextUpdateId = 1;
  #nextMessageId = 1;
  #waiters: Array<() => void> = [];
  #failures: Array<{ method: string | null; failure: Failure }> = [];
  #files = new Map<string, StoredFile>();
  #nextFileId = 1;
  #listeners: Array<(call: ApiCall) => void> = [];
  #delays: Array<{ method: string; ms: number; match: (call: ApiCall) => boolean; times: number }> = [];
  #timers = new Set<NodeJS.Timeout>();
  #holds: Array<{ method: string; match: (call: ApiCall) => boolean; released: Promise<void>; arrived: () => void; taken: boolean }> = [];
  #releases: Array<() => void> = [];
  /** optional hook to answer a method differently (limits, custom results) */
  handler: ((call: ApiCall) => { status: number; body: unknown } | undefined) | undefined;
  url = "";

  private constructor() {
    this.#server = http.createServer((req, res) => void this.#handle(req, res));
  }

  static async start(): Promise<FakeBotApi> {
    const api = new FakeBotApi();
    await new Promise<void>((resolve) => api.#server.listen(0, "127.0.0.1", resolve));
    api.url = `http://127.0.0.1:${(api.#server.address() as AddressInfo).port}`;
    return api;
  }

  async stop(): Promise<void> {
    for (const w of this.#waiters.splice(0)) w();
    for (const r of this.#releases.splice(0)) r();
    for (const t of this.#timers) clearTimeout(t);
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Queues an update for getUpdates; returns its update_id. */
  pushUpdate(update: Record<string, unknown>): number {
    const update_id = this.#nextUpdateId++;
    this.#updates.push({ update_id, ...update });
    for (const w of this.#waiters.splice(0)) w();
    return update_id;
  }

  /** Stores a file the bot can fetch through getFile; returns its file_id. */
  addFile(data: Buffer, ext = "bin"): { file_id: string; file_unique_id: string; file_size: number } {
    const id = `file${this.#nextFileId++}`;
    this.#files.set(id, { path: `documents/${id}.${ext}`, data });
    return { file_id: id, file_unique_id: `u${id}`, file_size: data.length };
  }

  /** The next call of `method` (or any method, with null) fails this way. */
  failNext(method: string | null, failure: Failure, times = 1): void {
    for (let i = 0; i < times; i++) this.#failures.push({ method, failure });
  }

  /** The next `times` calls of `method` that `match` are answered only after `ms` (a slow Bot API). */
  delay(method: string, ms: number, match: (call: ApiCall) => boolean = () => true, times = 1): void {
    this.#delays.push({ method, ms, match, times });
  }

  /**
   * The next call of `method` that `match`es is answered only when the test releases it (a Bot
   * API call that hangs for as long as the test needs, without a real wait): `arrived` resolves
   * when the call is in, `release` lets it go on (to its answer, or a failure queued by failNext).
   */
  hold(method: string, match: (call: ApiCall) => boolean = () => true): { arrived: Promise<void>; release: () => void } {
    let release!: () => void;
    let arrived!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const inside = new Promise<void>((r) => (arrived = r));
    this.#holds.push({ method, match, released, arrived, taken: false });
    this.#releases.push(release);
    return { arrived: inside, release };
  }

  /**
   * From now on, refuse what Telegram would refuse for flooding: over `perSecond` messages in any
   * second, or a chat's bucket empty. The answer is Telegram's: 429 with `retry_after`.
   */
  enforceLimits(limits: RateLimits = {}): void {
    this.#limits = { perSecond: 30, perChatBurst: 1, now: () => performance.now(), ...limits };
  }

  /** Telegram is flooded for the bot: every message is answered 429 for `ms` (on the limits' clock). */
  floodFor(ms: number): void {
    this.#limits ??= { perSecond: 30, perChatBurst: 1, now: () => performance.now() };
    this.#floodUntil = this.#limits.now() + ms;
  }

  /** The retry_after (seconds) of a 429 for this call, or null when it may go. */
  #flooded(method: string, params: Record<string, unknown>): number | null {
    const limits = this.#limits;
    if (!limits || !SENDING.has(method)) return null;
    const now = limits.now();
    if (now < this.#floodUntil) {
      this.flood.refused++;
      return Math.max(1, Math.ceil((this.#floodUntil - now) / 1000));
    }
    while (this.#window.length > 0 && this.#window[0]! <= now - 1000) this.#window.shift();
    const chat = String(params.chat_id ?? "");
    const b = this.#chats.get(chat) ?? { tokens: limits.perChatBurst, at: now };
    b.tokens = Math.min(limits.perChatBurst, b.tokens + Math.max(0, now - b.at) / 1000);
    b.at = now;
    this.#chats.set(chat, b);
    if (this.#window.length >= limits.perSecond || b.tokens < 1) {
      this.flood.refused++;
      const wait = Math.max(this.#window.length >= limits.perSecond ? this.#window[0]! + 1000 - now : 0, b.tokens < 1 ? (1 - b.tokens) * 1000 : 0);
      return Math.max(1, Math.ceil(wait / 1000));
    }
    this.#window.push(now);
    b.tokens -= 1;
    this.flood.accepted++;
    return null;
  }

  onCall(listener: (call: ApiCall) => void): void {
    this.#listeners.push(listener);
  }

  /** Messages the bot sent (sendMessage, sendDocument, sendPhoto, editMessageText), oldest first. */
  sent(chatId?: string | number): SentMessage[] {
    const out: SentMessage[] = [];
    for (const c of this.calls) {
      if (!["sendMessage", "sendDocument", "sendPhoto", "editMessageText", "sendMediaGroup"].includes(c.method)) continue;
      const chat = String(c.params.chat_id ?? "");
      if (chatId !== undefined && chat !== String(chatId)) continue;
      const text = String(c.params.text ?? c.params.caption ?? "");
      out.push({ messageId: Number(c.params.__message_id ?? 0), chatId: chat, text, method: c.method, params: c.params });
    }
    return out;
  }

  /** Waits until `predicate` holds for some call made after `since` (an index into `calls`). */
  async waitFor(predicate: (call: ApiCall) => boolean, { since = 0, timeoutMs = 5000 } = {}): Promise<ApiCall> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.calls.slice(since).find(predicate);
      if (found) return found;
      if (Date.now() > deadline) {
        const seen = this.calls.slice(since).map((c) => `${c.method} ${JSON.stringify(c.params).slice(0, 200)}`);
        throw new Error(`FakeBotApi: timed out; calls since ${since}:\n${seen.join("\n")}`);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    const fileMatch = /^\/file\/bot[^/]+\/(.+)$/.exec(url.pathname);
    if (fileMatch) {
      const file = [...this.#files.values()].find((f) => f.path === fileMatch[1]);
      if (!file) return this.#send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": file.data.length });
      res.end(file.data);
      return;
    }
    const m = /^\/bot[^/]+\/([A-Za-z]+)$/.exec(url.pathname);
    if (!m) return this.#send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    const method = m[1]!;
    const body = await readBody(req);
    const { params, files } = await parseParams(req.headers["content-type"] ?? "", body, url);
    const call: ApiCall = { method, params, files, at: Date.now(), path: url.pathname };
    const held = this.#holds.find((h) => !h.taken && h.method === method && h.match(call));
    if (held) {
      held.taken = true;
      held.arrived();
      await held.released;
      if (res.destroyed) return;
    }
    const slow = this.#delays.find((d) => d.method === method && d.times > 0 && d.match(call));
    if (slow) {
      slow.times--;
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          this.#timers.delete(t);
          resolve();
        }, slow.ms);
        this.#timers.add(t);
      });
      if (res.destroyed) return;
    }

    if (method !== "getUpdates") {
      const fi = this.#failures.findIndex((f) => f.method === null || f.method === method);
      if (fi >= 0) {
        const { failure } = this.#failures.splice(fi, 1)[0]!;
        this.calls.push({ ...call, method: `${method}!failed` });
        if ("drop" in failure) {
          req.socket.destroy();
          return;
        }
        if (failure.status === 429) {
          return this.#send(res, 429, {
            ok: false,
            error_code: 429,
            description: `Too Many Requests: retry after ${failure.retryAfter}`,
            parameters: { retry_after: failure.retryAfter },
          });
        }
        const description =
          "description" in failure && failure.description
            ? failure.description
            : failure.status === 403
              ? "Forbidden: bot was blocked by the user"
              : "Internal Server Error";
        return this.#send(res, failure.status, { ok: false, error_code: failure.status, description });
      }
    }

    const custom = this.handler?.(call);
    if (custom) {
      this.calls.push(call);
      this.#emit(call);
      return this.#send(res, custom.status, custom.body);
    }

    if (method === "getUpdates") return this.#getUpdates(params, res);
    const retryAfter = this.#flooded(method, params);
    if (retryAfter !== null) {
      this.calls.push({ ...call, method: `${method}!flooded` });
      return this.#send(res, 429, {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${retryAfter}`,
        parameters: { retry_after: retryAfter },
      });
    }
    const refused = telegramLimits(method, params);
    if (refused) {
      this.calls.push({ ...call, method: `${method}!refused` });
      return this.#send(res, 400, { ok: false, error_code: 400, description: `Bad Request: ${refused}` });
    }
    const result = this.#result(method, params, files);
    if (typeof result === "object" && result !== null && "message_id" in result) params.__message_id = (result as { message_id: number }).message_id;
    this.calls.push(call);
    this.#emit(call);
    this.#send(res, 200, { ok: true, result });
  }

  #emit(call: ApiCall): void {
    for (const l of this.#listeners) l(call);
  }

  async #getUpdates(params: Record<string, unknown>, res: http.ServerResponse): Promise<void> {
    const offset = Number(params.offset ?? 0);
    this.#updates = this.#updates.filter((u) => (u as { update_id: number }).update_id >= offset);
    if (this.#updates.length === 0) {
      const timeout = Math.min(Number(params.timeout ?? 0), 1) * 1000;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, timeout);
        this.#waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    if (res.destroyed) return;
    const limit = Number(params.limit ?? 100);
    this.#send(res, 200, { ok: true, result: this.#updates.slice(0, limit) });
  }

  #result(method: string, params: Record<string, unknown>, files: ApiCall["files"]): unknown {
    const chat = { id: Number(params.chat_id ?? 0), type: "private" };
    const base = { message_id: this.#nextMessageId++, date: Math.floor(Date.now() / 1000), chat };
    switch (method) {
      case "getMe":
        return this.botUser;
      case "sendMessage":
        return { ...base, text: params.text };
      case "editMessageText":
      case "editMessageReplyMarkup":
        return { ...base, message_id: Number(params.message_id ?? base.message_id), text: params.text };
      case "sendDocument": {
        const f = files.document;
        return { ...base, document: { file_id: `sent${base.message_id}`, file_unique_id: `s${base.message_id}`, file_name: f?.name, file_size: f?.data.length } };
      }
      case "sendPhoto":
        return { ...base, photo: [{ file_id: `sent${base.message_id}`, file_unique_id: `s${base.message_id}`, width: 1, height: 1 }] };
      case "sendMediaGroup":
        return [base];
      case "getFile": {
        const id = String(params.file_id ?? "");
        const f = this.#files.get(id);
        if (!f) return { file_id: id, file_unique_id: `u${id}` };
        return { file_id: id, file_unique_id: `u${id}`, file_size: f.data.length, file_path: f.path };
      }
      default:
        // setMyCommands, answerCallbackQuery, deleteWebhook, setWebhook, sendChatAction …
        return true;
    }
  }

  #send(res: http.ServerResponse, status: number, body: unknown): void {
    if (res.destroyed) return;
    const data = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(data) });
    res.end(data);
  }
}

/** Telegram's own limits, so every test notices a message or button the real API would refuse. */
function telegramLimits(method: string, params: Record<string, unknown>): string | null {
  const visible = (html: unknown) =>
    String(html ?? "")
      .replace(/<[^>]*>/g, "")
      .replace(/&(lt|gt|amp|quot|#\d+);/g, "x");
  if (["sendMessage", "editMessageText"].includes(method) && visible(params.text).length > 4096) return "message is too long";
  if (["sendDocument", "sendPhoto"].includes(method) && visible(params.caption).length > 1024) return "message caption is too long";
  const markup = params.reply_markup as { inline_keyboard?: Array<Array<{ callback_data?: string }>> } | undefined;
  for (const b of markup?.inline_keyboard?.flat() ?? []) {
    if (b.callback_data !== undefined && (Buffer.byteLength(b.callback_data) > 64 || b.callback_data === "")) return "BUTTON_DATA_INVALID";
  }
  return null;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

async function parseParams(
  contentType: string,
  body: Buffer,
  url: URL,
): Promise<{ params: Record<string, unknown>; files: ApiCall["files"] }> {
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const files: ApiCall["files"] = {};
  if (contentType.includes("application/json") && body.length > 0) {
    Object.assign(params, JSON.parse(body.toString("utf8")));
  } else if (contentType.includes("multipart/form-data")) {
    const form = await new Response(body, { headers: { "content-type": contentType } }).formData();
    for (const [k, v] of form.entries()) {
      if (typeof v === "string") {
        params[k] = tryJson(v);
      } else {
        files[k] = { name: v.name, data: Buffer.from(await v.arrayBuffer()) };
        params[k] = `attach:${v.name}`;
      }
    }
  } else if (contentType.includes("application/x-www-form-urlencoded")) {
    for (const [k, v] of new URLSearchParams(body.toString("utf8"))) params[k] = tryJson(v);
  }
  return { params, files };
}

function tryJson(v: string): unknown {
  if (!/^[[{]/.test(v)) return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
