import type { OutgoingMessage, Outbox, SendResult } from "../../services/outbox.ts";

/** An Outbox that records what would be sent; chats listed in `blocked` answer like a 403. */
export class RecordingOutbox implements Outbox {
  sent: OutgoingMessage[] = [];
  blocked = new Set<string>();
  async send(msg: OutgoingMessage): Promise<SendResult> {
    if (this.blocked.has(msg.chatId)) return { ok: false, error: "blocked" };
    this.sent.push(msg);
    return { ok: true, messageId: this.sent.length };
  }
  to(chatId: string): OutgoingMessage[] {
    return this.sent.filter((m) => m.chatId === chatId);
  }
}
