import type { EditField } from "../core/workbook/edit.ts";
import { LANGUAGES, type Lang } from "../services/i18n.ts";

// Every button's callback data, packed and parsed here and nowhere else. The data is ASCII and
// short (Telegram allows 64 bytes; test/callbacks.test.ts packs every kind at its largest ids).
// The wire forms are the ones buttons have always carried, so buttons in messages sent before an
// upgrade keep working. Ids are what a Prisma Int holds: 0 … 2^31−1.
//
//   card              a:<done|prog|more|ev>:<assignment>   the item card's buttons (also in reminders)
//   cancel            x:cancel                             «Отмена» on a question the executor was asked
//   pick              pick:<assignment>                    the roadmap of a key several roadmaps have
//   lang              lang:<ru|en>
//   school            sch:<school>                         /school: one of several schools
//   roadmap           rm:<roadmap>                         /roadmap: one of several roadmaps
//   digest            dg:<roadmap>                         /digest: one of several roadmaps
//   export            exp:<roadmap>                        /export: one of several roadmaps
//   review-accept     v:ok:<assignment>                    «Принять»
//   review-return     v:ret:<assignment>                   «Вернуть на доработку»
//   nudge             nd:<assignment>                      «Напомнить»: remind the executor of one поручение now
//   postpone-approve  pp:ok:<request>                      «Одобрить»
//   postpone-refuse   pp:no:<request>                      «Отклонить»
//   import            imp:<save|cancel>:<pending import>   under an /import preview
//   import-workbook   imp:wb:<pending import>              «Скачать для правки» under a preview
//   roadmap-workbook  wb:r:<roadmap>                       «Скачать для правки» of a saved roadmap
//   edit-menu         ed:m:<target>                        /edit: the field menu of an item
//   edit-field        ed:f:<d|r|t>:<target>                /edit: deadline, responsible, title
//   edit-save         ed:s:<nonce, 8 hex>                  /edit: «Сохранить» (the nonce of the step it saves)
//   edit-cancel       ed:c                                 /edit: «Отмена»
//   my-open           my:o:<assignment>                    /my: an item's button, opens its card
//   my-page           my:p:<page>                          /my: «Ещё», the next ten
//   snooze            sn:<assignment>                      «Напомнить завтра» on a reminder
//   knock             kn:<telegram user>                   «Пригласить как…» under a stranger's knock
//   knock-link        kn:<telegram user>:<person>          the person a knocking account is linked to
//   setup-template    su:tpl                               the setup checklist: the people list's CSV template
//   setup-invite      su:inv:<person>                      the setup checklist: an invite for one person
//   setup-preview     su:pv:<pending import>               the setup checklist: the waiting preview shown again
//   away-menu         aw:m                                 «Я в отпуске» under /start: what /away does
//   away-pick         aw:s:<person>:<stand-in|0>:<from>:<to>  the stand-in chosen (0: «Без замены»), days as YYYYMMDD
//   away-end          aw:e:<person>                        «Я вернулся(ась)» / «Отменить отпуск»
//   reminder-page     rp:<page>                            «◀ / ▶» under a reminder message of several items: the message's
//                                                          own id (its claims carry it) says whose reminders they are
//   digest-chart      dgc:<roadmap>                        «Показать диаграмму» under a digest too long to be the chart's caption
//
// A Telegram user id is not a Prisma Int: up to 16 digits (Telegram promises at most 52 bits).
//
// A target is `i<item id>` (a saved item) or `p<pending import id>.<item index>` (an item of a preview).

export type CardAction = "done" | "prog" | "more" | "ev";
type ImportAction = "save" | "cancel";
export type EditTarget = { kind: "item"; itemId: number } | { kind: "draft"; pendingId: number; index: number };

export type Callback =
  | { kind: "card"; action: CardAction; assignmentId: number }
  | { kind: "cancel" }
  | { kind: "pick"; assignmentId: number }
  | { kind: "lang"; lang: Lang }
  | { kind: "school"; schoolId: number }
  | { kind: "roadmap"; roadmapId: number }
  | { kind: "digest"; roadmapId: number }
  | { kind: "export"; roadmapId: number }
  | { kind: "review-accept"; assignmentId: number }
  | { kind: "review-return"; assignmentId: number }
  | { kind: "nudge"; assignmentId: number }
  | { kind: "postpone-approve"; requestId: number }
  | { kind: "postpone-refuse"; requestId: number }
  | { kind: "import"; action: ImportAction; pendingId: number }
  | { kind: "import-workbook"; pendingId: number }
  | { kind: "roadmap-workbook"; roadmapId: number }
  | { kind: "edit-menu"; target: EditTarget }
  | { kind: "edit-field"; field: EditField; target: EditTarget }
  | { kind: "edit-save"; nonce: string }
  | { kind: "edit-cancel" }
  | { kind: "my-open"; assignmentId: number }
  | { kind: "my-page"; page: number }
  | { kind: "snooze"; assignmentId: number }
  | { kind: "knock"; telegramId: string }
  | { kind: "knock-link"; telegramId: string; personId: number }
  | { kind: "setup-template" }
  | { kind: "setup-invite"; personId: number }
  | { kind: "setup-preview"; pendingId: number }
  | { kind: "away-menu" }
  | { kind: "away-pick"; personId: number; standInId: number; from: string; to: string }
  | { kind: "away-end"; personId: number }
  | { kind: "reminder-page"; page: number }
  | { kind: "digest-chart"; roadmapId: number };

export type CallbackKind = Callback["kind"];
export type CallbackOf<K extends CallbackKind> = Extract<Callback, { kind: K }>;

/** Telegram's limit on callback data, in bytes. */
export const CALLBACK_DATA_MAX = 64;
/** The largest id a Prisma Int (and so a callback) holds. */
export const MAX_ID = 2_147_483_647;
/** An item's index in a preview: at most five digits. */
export const MAX_DRAFT_INDEX = 99_999;

const FIELD_CODES: Record<EditField, "d" | "r" | "t"> = { deadline: "d", responsible: "r", title: "t" };
const FIELD_BY_CODE: Record<string, EditField> = { d: "deadline", r: "responsible", t: "title" };

/** Decimal digits of an id a Prisma Int holds, else null. */
function id(text: string | undefined): number | null {
  if (text === undefined || !/^\d{1,10}$/.test(text)) return null;
  const n = Number(text);
  return n <= MAX_ID ? n : null;
}

export function packTarget(t: EditTarget): string {
  return t.kind === "item" ? `i${t.itemId}` : `p${t.pendingId}.${t.index}`;
}

export function parseTarget(text: string | undefined): EditTarget | null {
  const item = /^i(\d{1,10})$/.exec(text ?? "");
  if (item) {
    const itemId = id(item[1]);
    return itemId === null ? null : { kind: "item", itemId };
  }
  const draft = /^p(\d{1,10})\.(\d{1,5})$/.exec(text ?? "");
  const pendingId = draft ? id(draft[1]) : null;
  return draft && pendingId !== null ? { kind: "draft", pendingId, index: Number(draft[2]) } : null;
}

export function packCallback(c: Callback): string {
  switch (c.kind) {
    case "card":
      return `a:${c.action}:${c.assignmentId}`;
    case "cancel":
      return "x:cancel";
    case "pick":
      return `pick:${c.assignmentId}`;
    case "lang":
      return `lang:${c.lang}`;
    case "school":
      return `sch:${c.schoolId}`;
    case "roadmap":
      return `rm:${c.roadmapId}`;
    case "digest":
      return `dg:${c.roadmapId}`;
    case "export":
      return `exp:${c.roadmapId}`;
    case "review-accept":
      return `v:ok:${c.assignmentId}`;
    case "review-return":
      return `v:ret:${c.assignmentId}`;
    case "nudge":
      return `nd:${c.assignmentId}`;
    case "postpone-approve":
      return `pp:ok:${c.requestId}`;
    case "postpone-refuse":
      return `pp:no:${c.requestId}`;
    case "import":
      return `imp:${c.action}:${c.pendingId}`;
    case "import-workbook":
      return `imp:wb:${c.pendingId}`;
    case "roadmap-workbook":
      return `wb:r:${c.roadmapId}`;
    case "edit-menu":
      return `ed:m:${packTarget(c.target)}`;
    case "edit-field":
      return `ed:f:${FIELD_CODES[c.field]}:${packTarget(c.target)}`;
    case "edit-save":
      return `ed:s:${c.nonce}`;
    case "edit-cancel":
      return "ed:c";
    case "my-open":
      return `my:o:${c.assignmentId}`;
    case "my-page":
      return `my:p:${c.page}`;
    case "snooze":
      return `sn:${c.assignmentId}`;
    case "knock":
      return `kn:${c.telegramId}`;
    case "knock-link":
      return `kn:${c.telegramId}:${c.personId}`;
    case "setup-template":
      return "su:tpl";
    case "setup-invite":
      return `su:inv:${c.personId}`;
    case "setup-preview":
      return `su:pv:${c.pendingId}`;
    case "away-menu":
      return "aw:m";
    case "away-pick":
      return `aw:s:${c.personId}:${c.standInId}:${c.from.replace(/-/g, "")}:${c.to.replace(/-/g, "")}`;
    case "away-end":
      return `aw:e:${c.personId}`;
    case "reminder-page":
      return `rp:${c.page}`;
    case "digest-chart":
      return `dgc:${c.roadmapId}`;
  }
}

const ID = String.raw`(\d{1,10})`;
const TARGET = String.raw`([ip][\d.]{1,17})`;
const LANG = `(${LANGUAGES.join("|")})`;

/** Each wire form and what it reads as; a part that does not read (an id out of range) makes it null. */
const FORMS: Array<[RegExp, (m: string[]) => Callback | null]> = [
  [new RegExp(`^a:(done|prog|more|ev):${ID}$`), (m) => withId(m[2], (assignmentId) => ({ kind: "card", action: m[1] as CardAction, assignmentId }))],
  [/^x:cancel$/, () => ({ kind: "cancel" })],
  [new RegExp(`^pick:${ID}$`), (m) => withId(m[1], (assignmentId) => ({ kind: "pick", assignmentId }))],
  [new RegExp(`^lang:${LANG}$`), (m) => ({ kind: "lang", lang: m[1] as Lang })],
  [new RegExp(`^sch:${ID}$`), (m) => withId(m[1], (schoolId) => ({ kind: "school", schoolId }))],
  [new RegExp(`^rm:${ID}$`), (m) => withId(m[1], (roadmapId) => ({ kind: "roadmap", roadmapId }))],
  [new RegExp(`^dg:${ID}$`), (m) => withId(m[1], (roadmapId) => ({ kind: "digest", roadmapId }))],
  [new RegExp(`^exp:${ID}$`), (m) => withId(m[1], (roadmapId) => ({ kind: "export", roadmapId }))],
  [new RegExp(`^v:ok:${ID}$`), (m) => withId(m[1], (assignmentId) => ({ kind: "review-accept", assignmentId }))],
  [new RegExp(`^v:ret:${ID}$`), (m) => withId(m[1], (assignmentId) => ({ kind: "review-return", assignmentId }))],
  [new RegExp(`^nd:${ID}$`), (m) => withId(m[1], (assignmentId) => ({ kind: "nudge", assignmentId }))],
  [new RegExp(`^pp:ok:${ID}$`), (m) => withId(m[1], (requestId) => ({ kind: "postpone-approve", requestId }))],
  [new RegExp(`^pp:no:${ID}$`), (m) => withId(m[1], (requestId) => ({ kind: "postpone-refuse", requestId }))],
  [new RegExp(`^imp:(save|cancel):${ID}$`), (m) => withId(m[2], (pendingId) => ({ kind: "import", action: m[1] as ImportAction, pendingId }))],
  [new RegExp(`^imp:wb:${ID}$`), (m) => withId(m[1], (pendingId) => ({ kind: "import-workbook", pendingId }))],
  [new RegExp(`^wb:r:${ID}$`), (m) => withId(m[1], (roadmapId) => ({ kind: "roadmap-workbook", roadmapId }))],
  [new RegExp(`^ed:m:${TARGET}$`), (m) => withTarget(m[1], (target) => ({ kind: "edit-menu", target }))],
  [new RegExp(`^ed:f:([drt]):${TARGET}$`), (m) => withTarget(m[2], (target) => ({ kind: "edit-field", field: FIELD_BY_CODE[m[1]!]!, target }))],
  [/^ed:s:([0-9a-f]{8})$/, (m) => ({ kind: "edit-save", nonce: m[1]! })],
  [/^ed:c$/, () => ({ kind: "edit-cancel" })],
  [new RegExp(`^my:o:${ID}$`), (m) => withId(m[1], (assignmentId) => ({ kind: "my-open", assignmentId }))],
  [new RegExp(`^my:p:${ID}$`), (m) => withId(m[1], (page) => ({ kind: "my-page", page }))],
  [new RegExp(`^sn:${ID}$`), (m) => withId(m[1], (assignmentId) => ({ kind: "snooze", assignmentId }))],
  [/^kn:(\d{1,16})$/, (m) => ({ kind: "knock", telegramId: m[1]! })],
  [new RegExp(`^kn:(\\d{1,16}):${ID}$`), (m) => withId(m[2], (personId) => ({ kind: "knock-link", telegramId: m[1]!, personId }))],
  [/^su:tpl$/, () => ({ kind: "setup-template" })],
  [new RegExp(`^su:inv:${ID}$`), (m) => withId(m[1], (personId) => ({ kind: "setup-invite", personId }))],
  [new RegExp(`^su:pv:${ID}$`), (m) => withId(m[1], (pendingId) => ({ kind: "setup-preview", pendingId }))],
  [/^aw:m$/, () => ({ kind: "away-menu" })],
  [
    new RegExp(`^aw:s:${ID}:${ID}:(\\d{4})(\\d{2})(\\d{2}):(\\d{4})(\\d{2})(\\d{2})$`),
    (m) => {
      const personId = id(m[1]);
      const standInId = id(m[2]);
      if (personId === null || standInId === null) return null;
      return { kind: "away-pick", personId, standInId, from: `${m[3]}-${m[4]}-${m[5]}`, to: `${m[6]}-${m[7]}-${m[8]}` };
    },
  ],
  [new RegExp(`^aw:e:${ID}$`), (m) => withId(m[1], (personId) => ({ kind: "away-end", personId }))],
  [new RegExp(`^rp:${ID}$`), (m) => withId(m[1], (page) => ({ kind: "reminder-page", page }))],
  [new RegExp(`^dgc:${ID}$`), (m) => withId(m[1], (roadmapId) => ({ kind: "digest-chart", roadmapId }))],
];

function withId(text: string | undefined, make: (n: number) => Callback): Callback | null {
  const n = id(text);
  return n === null ? null : make(n);
}

function withTarget(text: string | undefined, make: (t: EditTarget) => Callback): Callback | null {
  const t = parseTarget(text);
  return t === null ? null : make(t);
}

/** The payload of a button's data; null for data no button of Веха carries (or an id out of range). */
export function parseCallback(data: string): Callback | null {
  if (data.length > CALLBACK_DATA_MAX) return null;
  for (const [pattern, read] of FORMS) {
    const m = pattern.exec(data);
    if (m) return read(m);
  }
  return null;
}

/**
 * The assignments a message's buttons act on (a card, a reminder, a reminder listing several
 * items): how a reply to a bot message knows what it answers.
 */
export function assignmentsOfButtons(data: readonly string[]): number[] {
  const ids: number[] = [];
  for (const d of data) {
    const c = parseCallback(d);
    if (c && (c.kind === "card" || c.kind === "my-open" || c.kind === "snooze") && !ids.includes(c.assignmentId)) ids.push(c.assignmentId);
  }
  return ids;
}
