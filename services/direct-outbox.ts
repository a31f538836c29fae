import type { Telegram } from "telegraf";
import type { Db } from "./db.ts";
import type { Logger } from "./logger.ts";
import type { Outbox, OutgoingMessage, SendResult } from "./outbox.ts";
import { escapeHtml } from "./format.ts";
import { toLang, translator } from "./i18n.ts";
import { reachableCoordinators } from "./people.ts";

interface TelegramFailure {
  code?: number;
  response?: { error_code?: number; parameters?: { retry_after?: number } };
}

const CAPTION_LIMIT = 1024;

/** Telegram error code of a failed call (telegraf's TelegramError), if any. */
export function telegramErrorCode(err: unknown): number | undefined {
  const e = err as TelegramFailure;
  return e?.response?.error_code ?? e?.code;
}

/**
 * Sends straight through telegraf's Telegram, one message at a time: the simplest Outbox. The
 * scheduler's rate-limited queue implements the same interface and replaces it. A 403 marks the
 * person unreachable and tells the coordinators.
 */
export class DirectOutbox implements Outbox {
  constructor(
    private readonly telegram: Telegram,
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  async send(msg: OutgoingMessage): Promise<SendResult> {
    try {
      const messageId = await this.#deliver(msg);
      return { ok: true, messageId };
    } catch (err) {
      const code = telegramErrorCode(err);
      if (code === 403) {
        await this.markUnreachable(msg);
        return { ok: false, error: "blocked" };
      }
      this.logger.warn({ err, chatId: msg.chatId }, "outbox: message not delivered");
      return { ok: false, error: "failed" };
    }
  }

  async #deliver(msg: OutgoingMessage): Promise<number> {
    const extra = { parse_mode: "HTML" as const, ...(msg.keyboard ? { reply_markup: msg.keyboard } : {}) };
    const file = msg.document ?? msg.photo;
    if (file) {
      const short = msg.text.length <= CAPTION_LIMIT;
      const input = { source: file.data, filename: file.fileName };
      const sent = msg.document
        ? await this.telegram.sendDocument(msg.chatId, input, short ? { ...extra, caption: msg.text } : {})
        : await this.telegram.sendPhoto(msg.chatId, input, short ? { ...extra, caption: msg.text } : {});
      if (short) return sent.message_id;
    }
    const sent = await this.telegram.sendMessage(msg.chatId, msg.text, { ...extra, link_preview_options: { is_disabled: true } });
    return sent.message_id;
  }

  /** The person blocked the bot: remember it, and tell the coordinators once. */
  async markUnreachable(msg: OutgoingMessage): Promise<void> {
    const person = msg.personId
      ? await this.db.person.findUnique({ where: { id: msg.personId } })
      : await this.db.person.findFirst({ where: { chatId: msg.chatId } });
    if (!person) return;
    if (person.unreachable) return;
    await this.db.person.update({ where: { id: person.id }, data: { unreachable: true } });
    this.logger.warn({ personId: person.id }, "person blocked the bot: marked unreachable");
    for (const c of await reachableCoordinators(this.db)) {
      if (c.id === person.id) continue;
      const tr = translator(toLang(c.language));
      try {
        await this.telegram.sendMessage(c.chatId!, tr.t("bot-coordinator-unreachable", { name: escapeHtml(person.fullName) }), { parse_mode: "HTML" });
      } catch (err) {
        this.logger.warn({ err, coordinatorId: c.id }, "could not tell a coordinator about an unreachable person");
      }
    }
  }
}
