import type { InlineKeyboardMarkup } from "telegraf/types";
import type { Translator } from "./i18n.ts";

// The item card an executor sees in /item and in every reminder (owned by the chat work; stub).

export interface CardAssignment {
  assignmentId: number;
  itemKey: string;
  itemTitle: string;
  due: string | null;
  status: string;
}

export function itemCard(tr: Translator, a: CardAssignment): { text: string; keyboard: InlineKeyboardMarkup } {
  return { text: `${a.itemKey} ${a.itemTitle}`, keyboard: { inline_keyboard: [[{ text: tr.t("status-in_progress"), callback_data: `noop` }]] } };
}
