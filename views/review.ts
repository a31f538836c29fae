import type { Translator } from "../services/i18n.ts";
import type { Keyboard } from "../services/outbox.ts";
import { packCallback } from "./callbacks.ts";

// The buttons under what a reviewer decides on: a submission (scheduler/reviews.ts, /verify) and a
// postponement request (scheduler/approvals.ts, /verify).

/** The «Принять» / «Вернуть на доработку» buttons (callback data ≤ 64 bytes). */
export function reviewKeyboard(tr: Translator, assignmentId: number): Keyboard {
  return {
    inline_keyboard: [
      [
        { text: tr.t("verify-button-accept"), callback_data: packCallback({ kind: "review-accept", assignmentId }) },
        { text: tr.t("verify-button-return"), callback_data: packCallback({ kind: "review-return", assignmentId }) },
      ],
    ],
  };
}

/** «Одобрить» / «Отклонить» under a postponement request. */
export function postponeKeyboard(tr: Translator, requestId: number): Keyboard {
  return {
    inline_keyboard: [
      [
        { text: tr.t("postpone-button-approve"), callback_data: packCallback({ kind: "postpone-approve", requestId }) },
        { text: tr.t("postpone-button-refuse"), callback_data: packCallback({ kind: "postpone-refuse", requestId }) },
      ],
    ],
  };
}
