import { formatDate } from "./format.ts";
import type { Translator } from "./i18n.ts";

// The importer (core/import, core/deadline, core/workbook) writes its warnings as Russian sentences:
// they are stored with the roadmap, shown in the chat's preview and written into `import --json`
// as they are. The CLI and the chat's previews read the ones they know back into a message id and
// its variables, so that `--lang en` (or an English chat) shows them in English and Russian shows
// them from the same locale file. A warning
// no pattern knows (a new one in core) is printed as written. Document text inside one (a quoted
// deadline, a section's title) stays as it is in both languages.

type Args = Record<string, string | number>;

interface Known {
  re: RegExp;
  id: WarningId;
  args?: (m: RegExpExecArray, tr: Translator) => Args;
}

type WarningId =
  | "cli-warning-unnumbered-row"
  | "cli-warning-no-numbers"
  | "cli-warning-no-deadline-column"
  | "cli-warning-no-responsible-column"
  | "cli-warning-no-title"
  | "cli-warning-no-title-withheld"
  | "cli-warning-no-deadline"
  | "cli-warning-no-responsible"
  | "cli-warning-section-period"
  | "cli-warning-inherited"
  | "cli-warning-inherited-many"
  | "cli-warning-number-repeats"
  | "cli-warning-number-repeats-section"
  | "cli-warning-point-no-deadline"
  | "cli-warning-point-no-executor"
  | "cli-warning-point-bullets"
  | "cli-warning-point-not-task"
  | "cli-warning-point-number-repeats"
  | "cli-warning-year-from-order"
  | "cli-warning-no-region"
  | "cli-warning-approved-late"
  | "cli-warning-deadline-unread"
  | "cli-warning-deadline-word"
  | "cli-warning-deadline-two-years"
  | "cli-warning-deadline-year-taken"
  | "cli-warning-deadline-no-year"
  | "cli-warning-deadline-outside-stage"
  | "cli-warning-deadline-before-order"
  | "cli-warning-deadline-far-year"
  | "cli-warning-deadline-leftovers"
  | "cli-warning-deadline-reversed"
  | "cli-warning-deadline-no-such-date"
  | "cli-warning-deadline-no-such-date-taken"
  | "cli-warning-deadline-incomplete-date"
  | "cli-warning-workbook-key-repeats"
  | "cli-warning-workbook-no-key"
  | "cli-warning-workbook-no-sheet"
  | "cli-warning-workbook-order-date"
  | "cli-warning-workbook-timezone"
  | "cli-warning-workbook-identity";

const MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"];
/** «10 июня 2021» as core/deadline/dates.ts formatRu writes it */
const RU_DATE = `\\d{1,2} (?:${MONTHS.join("|")}) \\d{4}`;

/** A date core wrote in Russian, in the operator's language. */
function date(tr: Translator, ru: string): string {
  const m = /^(\d{1,2}) (\S+) (\d{4})$/.exec(ru);
  const month = m ? MONTHS.indexOf(m[2]!) + 1 : 0;
  if (!m || month === 0) return ru;
  return formatDate(tr, `${m[3]}-${String(month).padStart(2, "0")}-${m[1]!.padStart(2, "0")}`);
}

const FIELDS: Record<string, "title" | "result" | "deadline" | "responsible" | "evidence"> = {
  Мероприятие: "title",
  Результат: "result",
  Срок: "deadline",
  Ответственный: "responsible",
  Подтверждение: "evidence",
};

const FIELD_IDS = {
  title: "cli-warning-field-title",
  result: "cli-warning-field-result",
  deadline: "cli-warning-field-deadline",
  responsible: "cli-warning-field-responsible",
  evidence: "cli-warning-field-evidence",
} as const;

/** A column's Russian name, in the operator's language */
const field = (tr: Translator, ru: string): string => (FIELDS[ru] ? tr.t(FIELD_IDS[FIELDS[ru]]) : ru);

/** «пункт», «пункта», «пунктов»: the items core counts in words, back to a number */
const count = (s: string) => Number(/^\d+/.exec(s)?.[0] ?? 0);

// «в сроке «…» …»: the deadline as written is document text
const Q = "«(?<q>[\\s\\S]*)»";
const KNOWN: Known[] = [
  // core/import/table.ts
  { re: /^строка без номера стала отдельным пунктом: «(?<t>[\s\S]*)»$/u, id: "cli-warning-unnumbered-row", args: (m) => ({ title: m.groups!.t! }) },
  { re: /^в таблице нет номеров пунктов: пункты пронумерованы по порядку$/u, id: "cli-warning-no-numbers" },
  { re: /^в таблице нет столбца сроков$/u, id: "cli-warning-no-deadline-column" },
  { re: /^в таблице нет столбца ответственных$/u, id: "cli-warning-no-responsible-column" },
  { re: /^у пункта нет названия мероприятия$/u, id: "cli-warning-no-title" },
  { re: /^у пункта нет названия мероприятия: сроки, ответственные и результат из строки выше в него не перенесены — впишите название или уберите пункт$/u, id: "cli-warning-no-title-withheld" },
  { re: /^срок не указан$/u, id: "cli-warning-no-deadline" },
  { re: /^ответственный не указан$/u, id: "cli-warning-no-responsible" },
  {
    re: /^срок не указан: взят период раздела «(?<s>[\s\S]*)» \((?<p>[^()]*)\)$/u,
    id: "cli-warning-section-period",
    args: (m) => ({ section: m.groups!.s!, period: m.groups!.p! }),
  },
  {
    re: /^пустая ячейка «(?<f>[^»]+)» взята из строки выше \(п\. (?<from>[^)]+)\): в оригинале ячейки, видимо, были объединены$/u,
    id: "cli-warning-inherited",
    args: (m, tr) => ({ field: field(tr, m.groups!.f!), from: m.groups!.from! }),
  },
  {
    re: /^пустые ячейки (?<f>«[^»]+»(?:, «[^»]+»)*) и «(?<last>[^»]+)» взяты из строки выше \(п\. (?<from>[^)]+)\): в оригинале ячейки, видимо, были объединены$/u,
    id: "cli-warning-inherited-many",
    args: (m, tr) => ({ fields: m.groups!.f!.slice(1, -1).split("», «").map((f) => field(tr, f)).join("», «"), last: field(tr, m.groups!.last!), from: m.groups!.from! }),
  },
  { re: /^номер (?<n>\S+) повторяется в разделе «(?<s>[\s\S]*)»$/u, id: "cli-warning-number-repeats-section", args: (m) => ({ number: m.groups!.n!, section: m.groups!.s! }) },
  { re: /^номер (?<n>\S+) повторяется$/u, id: "cli-warning-number-repeats", args: (m) => ({ number: m.groups!.n! }) },
  // core/import/prose.ts
  { re: /^у пункта (?<k>\S+) не указан срок$/u, id: "cli-warning-point-no-deadline", args: (m) => ({ key: m.groups!.k! }) },
  { re: /^у пункта (?<k>\S+) не указан исполнитель$/u, id: "cli-warning-point-no-executor", args: (m) => ({ key: m.groups!.k! }) },
  { re: /^в пункте (?<k>\S+) есть текст без номера между подпунктами; он не стал пунктом$/u, id: "cli-warning-point-bullets", args: (m) => ({ key: m.groups!.k! }) },
  {
    re: /^пункт (?<k>\S+) не похож на поручение и не стал мероприятием: «(?<t>[\s\S]*)»$/u,
    id: "cli-warning-point-not-task",
    args: (m) => ({ key: m.groups!.k!, text: m.groups!.t! }),
  },
  { re: /^номер пункта (?<k>\S+) повторяется: пункту дан ключ (?<u>\S+)$/u, id: "cli-warning-point-number-repeats", args: (m) => ({ key: m.groups!.k!, unique: m.groups!.u! }) },
  // core/import/metadata.ts, approved-late.ts
  { re: /^год дорожной карты не указан: принят год приказа (?<y>\d{4})$/u, id: "cli-warning-year-from-order", args: (m) => ({ year: m.groups!.y! }) },
  { re: /^регион не определён: часовой пояс (?<z>\S+)$/u, id: "cli-warning-no-region", args: (m) => ({ zone: m.groups!.z! }) },
  {
    re: new RegExp(`^программа утверждена после начала своего срока: (?<n>\\d+ \\S+) со сроком до даты приказа \\((?<d>${RU_DATE})\\)$`, "u"),
    id: "cli-warning-approved-late",
    args: (m, tr) => ({ count: count(m.groups!.n!), date: date(tr, m.groups!.d!) }),
  },
  // core/deadline/parse.ts, periods.ts
  { re: new RegExp(`^срок не распознан: ${Q}$`, "u"), id: "cli-warning-deadline-unread", args: (m) => ({ deadline: m.groups!.q! }) },
  {
    re: new RegExp(`^в сроке ${Q} слово «(?<w>[^»]*)» прочитано как «(?<j>[^»]*)»$`, "u"),
    id: "cli-warning-deadline-word",
    args: (m) => ({ deadline: m.groups!.q!, written: m.groups!.w!, joined: m.groups!.j! }),
  },
  {
    re: new RegExp(`^в сроке ${Q} два года подряд \\((?<a>\\d{4}) и (?<b>\\d{4})\\): принят (?<c>\\d{4})$`, "u"),
    id: "cli-warning-deadline-two-years",
    args: (m) => ({ deadline: m.groups!.q!, first: m.groups!.a!, second: m.groups!.b!, chosen: m.groups!.c! }),
  },
  { re: new RegExp(`^в сроке ${Q} не указан год: принят (?<y>\\d{4})$`, "u"), id: "cli-warning-deadline-year-taken", args: (m) => ({ deadline: m.groups!.q!, year: m.groups!.y! }) },
  { re: new RegExp(`^в сроке ${Q} не указан год$`, "u"), id: "cli-warning-deadline-no-year", args: (m) => ({ deadline: m.groups!.q! }) },
  {
    re: new RegExp(`^в сроке ${Q} не указан год, и срок вне периода раздела \\((?<s>${RU_DATE}) – (?<e>${RU_DATE})\\): принят (?<y>\\d{4})$`, "u"),
    id: "cli-warning-deadline-outside-stage",
    args: (m, tr) => ({ deadline: m.groups!.q!, start: date(tr, m.groups!.s!), end: date(tr, m.groups!.e!), year: m.groups!.y! }),
  },
  {
    re: new RegExp(`^срок ${Q} раньше даты приказа \\((?<d>${RU_DATE})\\)$`, "u"),
    id: "cli-warning-deadline-before-order",
    args: (m, tr) => ({ deadline: m.groups!.q!, date: date(tr, m.groups!.d!) }),
  },
  {
    re: new RegExp(`^в сроке ${Q} год (?<y>\\d{4}) не из лет дорожной карты \\((?<r>[\\d–]+)\\)$`, "u"),
    id: "cli-warning-deadline-far-year",
    args: (m) => ({ deadline: m.groups!.q!, year: m.groups!.y!, years: m.groups!.r! }),
  },
  { re: new RegExp(`^в сроке ${Q} не разобрано: «(?<l>[^»]*)»$`, "u"), id: "cli-warning-deadline-leftovers", args: (m) => ({ deadline: m.groups!.q!, leftovers: m.groups!.l! }) },
  { re: new RegExp(`^в сроке ${Q} начало позже конца: взяты в обратном порядке$`, "u"), id: "cli-warning-deadline-reversed", args: (m) => ({ deadline: m.groups!.q! }) },
  {
    re: new RegExp(`^в сроке ${Q} нет такой даты «(?<r>[^»]*)»: принято (?<d>${RU_DATE})$`, "u"),
    id: "cli-warning-deadline-no-such-date-taken",
    args: (m, tr) => ({ deadline: m.groups!.q!, written: m.groups!.r!, date: date(tr, m.groups!.d!) }),
  },
  { re: new RegExp(`^в сроке ${Q} нет такой даты «(?<r>[^»]*)»$`, "u"), id: "cli-warning-deadline-no-such-date", args: (m) => ({ deadline: m.groups!.q!, written: m.groups!.r! }) },
  {
    re: new RegExp(`^в сроке ${Q} дата «(?<r>[^»]*)» неполная: принято (?<d>${RU_DATE})$`, "u"),
    id: "cli-warning-deadline-incomplete-date",
    args: (m, tr) => ({ deadline: m.groups!.q!, written: m.groups!.r!, date: date(tr, m.groups!.d!) }),
  },
  // core/workbook/read.ts (the canonical workbook; its sheet's name is the workbook's own word)
  { re: /^ключ «(?<k>[^»]*)» повторяется: строке дан ключ (?<u>\S+)$/u, id: "cli-warning-workbook-key-repeats", args: (m) => ({ key: m.groups!.k!, unique: m.groups!.u! }) },
  { re: /^у строки нет ключа: дан ключ (?<u>\S+)$/u, id: "cli-warning-workbook-no-key", args: (m) => ({ unique: m.groups!.u! }) },
  { re: /^нет листа «(?<s>[^»]*)»: название, приказ и часовой пояс не указаны$/u, id: "cli-warning-workbook-no-sheet", args: (m) => ({ sheet: m.groups!.s! }) },
  { re: /^дата приказа «(?<d>[\s\S]*)» не распознана: укажите её как 31\.03\.2023$/u, id: "cli-warning-workbook-order-date", args: (m) => ({ date: m.groups!.d! }) },
  { re: /^часовой пояс «(?<z>[\s\S]*)» не распознан: принят (?<d>\S+)$/u, id: "cli-warning-workbook-timezone", args: (m) => ({ zone: m.groups!.z!, taken: m.groups!.d! }) },
  { re: /^«Идентификатор карты» изменён \(«(?<i>[\s\S]*)»\): карта будет найдена по приказу$/u, id: "cli-warning-workbook-identity", args: (m) => ({ identity: m.groups!.i! }) },
];

/** An importer's warning in the operator's language; one no pattern knows, as written. */
export function warningText(tr: Translator, message: string): string {
  for (const k of KNOWN) {
    const m = k.re.exec(message);
    if (m) return tr.t(k.id, k.args?.(m, tr));
  }
  return message;
}

