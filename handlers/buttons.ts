import type { NarrowedContext } from "telegraf";
import type { Update } from "telegraf/types";
import type { BotContext } from "../bot/context.ts";
import { replyHtml } from "../bot/reply.ts";
import { CONTROLLERS, COORDINATORS, EVERY_LINKED, REVIEWERS, type ButtonContext, type Roles } from "../bot/roles.ts";
import type { CallbackKind, CallbackOf } from "../views/callbacks.ts";
import { awayEndPressed, awayMenuPressed, awayPickPressed } from "./absence.ts";
import { importDecided } from "./coordinator.ts";
import { editCancelPressed, editFieldPressed, editMenuPressed, editSavePressed, importWorkbookPressed, roadmapWorkbookPressed } from "./correction.ts";
import { nudgePressed, schoolPressed } from "./curator.ts";
import { digestPressed, roadmapPressed } from "./deputy.ts";
import { cardPressed, myItemPressed, myPagePressed, questionCancelled, roadmapPicked, snoozePressed } from "./executor.ts";
import { exportPressed } from "./export.ts";
import { digestChartPressed } from "./digest-now.ts";
import { reminderPagePressed } from "./reminder-pages.ts";
import { knockLinkPressed, knockPressed } from "./knock.ts";
import { languageChosen } from "./lang.ts";
import { setupInvitePressed, setupPreviewPressed, setupTemplatePressed } from "./setup.ts";
import { acceptPressed, approvePressed, refusePressed, returnPressed } from "./verify.ts";

// What every button does and who may press it, by the kind of its payload (views/callbacks.ts
// packs and parses the data). A Record over the kinds: a payload nobody handles does not
// type-check. A press from someone without the roles gets `refused` (or, without one, the
// «button outdated» answer every unknown button gets). Decisions on reviews and postponements are
// open to every linked person: the services check who decides on which assignment.

type RefusedContext = NarrowedContext<BotContext, Update.CallbackQueryUpdate>;

export interface ButtonSpec<K extends CallbackKind> {
  roles: Roles;
  press: (ctx: ButtonContext, data: CallbackOf<K>) => Promise<unknown>;
  refused?: (ctx: RefusedContext) => Promise<unknown>;
}

/** The press answered, then the refusal as a message. */
const answerThenSay = (id: string) => async (ctx: RefusedContext) => {
  await ctx.answerCbQuery();
  await replyHtml(ctx, ctx.tr.t(id));
};
/** The refusal as the press's toast. */
const toast = (id: string) => (ctx: RefusedContext) => ctx.answerCbQuery(ctx.tr.t(id));

export const BUTTONS: { [K in CallbackKind]: ButtonSpec<K> } = {
  card: { roles: EVERY_LINKED, press: cardPressed },
  cancel: { roles: EVERY_LINKED, press: questionCancelled },
  pick: { roles: EVERY_LINKED, press: roadmapPicked },
  lang: { roles: EVERY_LINKED, press: languageChosen },
  school: { roles: REVIEWERS, press: schoolPressed, refused: answerThenSay("curator-not-allowed") },
  roadmap: { roles: CONTROLLERS, press: roadmapPressed, refused: answerThenSay("deputy-not-allowed") },
  // the person's scope decides which roadmaps they may choose
  digest: { roles: EVERY_LINKED, press: digestPressed },
  export: { roles: REVIEWERS, press: exportPressed, refused: answerThenSay("export-no-rights") },
  "review-accept": { roles: EVERY_LINKED, press: acceptPressed },
  "review-return": { roles: EVERY_LINKED, press: returnPressed },
  // the service checks who may remind the executor of which поручение (as for reviews)
  nudge: { roles: EVERY_LINKED, press: nudgePressed },
  "postpone-approve": { roles: EVERY_LINKED, press: approvePressed },
  "postpone-refuse": { roles: EVERY_LINKED, press: refusePressed },
  import: { roles: COORDINATORS, press: importDecided, refused: answerThenSay("coordinator-not-allowed") },
  "import-workbook": { roles: COORDINATORS, press: importWorkbookPressed, refused: toast("edit-not-allowed") },
  "roadmap-workbook": { roles: COORDINATORS, press: roadmapWorkbookPressed, refused: toast("edit-not-allowed") },
  "edit-menu": { roles: COORDINATORS, press: editMenuPressed, refused: toast("edit-not-allowed") },
  "edit-field": { roles: COORDINATORS, press: editFieldPressed, refused: toast("edit-not-allowed") },
  "edit-save": { roles: COORDINATORS, press: editSavePressed, refused: toast("edit-not-allowed") },
  "edit-cancel": { roles: EVERY_LINKED, press: editCancelPressed },
  "my-open": { roles: EVERY_LINKED, press: myItemPressed },
  "my-page": { roles: EVERY_LINKED, press: myPagePressed },
  snooze: { roles: EVERY_LINKED, press: snoozePressed },
  knock: { roles: COORDINATORS, press: knockPressed, refused: toast("coordinator-not-allowed") },
  "knock-link": { roles: COORDINATORS, press: knockLinkPressed, refused: toast("coordinator-not-allowed") },
  "setup-template": { roles: COORDINATORS, press: setupTemplatePressed, refused: toast("coordinator-not-allowed") },
  "setup-invite": { roles: COORDINATORS, press: setupInvitePressed, refused: toast("coordinator-not-allowed") },
  "setup-preview": { roles: COORDINATORS, press: setupPreviewPressed, refused: toast("coordinator-not-allowed") },
  // «Я в отпуске»: the person for themselves, a coordinator for anyone (checked in handlers/absence.ts)
  "away-menu": { roles: EVERY_LINKED, press: awayMenuPressed },
  "away-pick": { roles: EVERY_LINKED, press: awayPickPressed },
  "away-end": { roles: EVERY_LINKED, press: awayEndPressed },
  // the message's own claims say whose reminders it holds (handlers/reminder-pages.ts)
  "reminder-page": { roles: EVERY_LINKED, press: reminderPagePressed },
  // the person's scope decides which roadmaps' charts they may see
  "digest-chart": { roles: EVERY_LINKED, press: digestChartPressed },
};
