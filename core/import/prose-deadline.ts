import { isKnownWord, monthOf } from "../deadline/words.ts";

// The deadline of an order's point, wherever the sentence puts it: «Срок: июнь 2023г.» at the end, «2.3. Представить
// в срок до 15 апреля 2026 года в управление образования отчёт», «не позднее 1 декабря 2025 г. направить …»,
// «представлять ежемесячно до 5 числа месяца, следующего за отчётным, …». Dates that are not deadlines stay in the
// text: an act's own date («приказ от 12.03.2025 № 45», «Федеральный закон от 29.12.2012 № 273-ФЗ»), a past period
// («по итогам 2024 года»), anything inside a quoted title.

export interface Split {
  title: string;
  phrase: string | null;
}

/** Nouns that end like an infinitive. */
const NOT_VERB = new Set(["часть", "область", "власть", "сеть", "путь", "мать", "тетрадь", "печать", "честь", "весть", "повесть", "совесть", "рать", "стать"]);

export function isInfinitive(word: string): boolean {
  const w = word.toLowerCase();
  if (NOT_VERB.has(w)) return false;
  if (/(?:ость|ность|асть)$/.test(w)) return false;
  return /(?:ть|ти|чь)(?:ся|сь)?$/.test(w) && w.length > 3;
}

export function stripEnd(s: string): string {
  return s.replace(/[\s,;:–—-]+$/u, "").replace(/(?<!(?:^|[\s.])(?:г|гг|др|пр|т\.д|т\.п|им|ул|д|с|п|[А-ЯЁ]))\.$/u, "").trim();
}

/** A deadline phrase ends a sentence: its last dot goes unless it closes «г.» */
function deadlinePhrase(s: string): string {
  return s
    .trim()
    .replace(/[\s;,]+$/u, "")
    .replace(/(?<!(?:^|[^а-яё])(?:г|гг))\s*\.$/u, "")
    .trim();
}

// ---------- labelled deadlines at the end of a point («Срок: …», «– постоянно») ----------

const AT_END: Array<{ re: RegExp; at: "end"; labelled: boolean }> = [
  // «(срок – до 01.09.2024)» in brackets at the end
  { re: /\s*\(((?:срок|в\s+срок)[^()]*)\)\s*[.;]?\s*$/iu, at: "end", labelled: true },
  // «Срок: июнь 2023г.», «Срок исполнения: постоянно.», «Срок – до 1 сентября 2024 г.»
  {
    re: /(?:^|[\s.;,])((?:срок[а-яё]*)(?:\s+(?:исполнения|выполнения|реализации|представления|предоставления))?\s*(?::|\s[–—-])\s*[^:]+?)\s*$/iu,
    at: "end",
    labelled: true,
  },
  // «- срок 01.09.2021.», «школе срок 01.09.2021.»
  { re: /(?:^|\s)[–—-]?\s*(срок\s+\d[^:;]*?)\s*[;.]?\s*$/iu, at: "end", labelled: true },
  // «- постоянно .», «- в течение года.», «– до 15.06.2021»: after a dash, only words a deadline is made of
  {
    re: /(?:\s[–—-]|[–—-]\s)\s*((?:постоянно|систематически|ежедневно|еженедельно|ежемесячно|ежеквартально|ежегодно|в\s+течение\s+[^:;]+?|по\s+мере\s+необходимости|по\s+запросу|до\s+\d[^:;]*?|\d{1,2}\.\d{1,2}\.?\s*\d{2,4}[^:;]*?))\s*[;.]?\s*$/iu,
    at: "end",
    labelled: false,
  },
];

/** What a deadline phrase must hold: a number, a month or a word of rhythm or duration. */
const DATED = /\d|постоянн|течени|ежедн|еженед|ежемес|ежекварт|ежегод|систематич|необходим|запрос|квартал|полугод|четверт|учебн|конц|начал/iu;

function datedPhrase(phrase: string): boolean {
  return DATED.test(phrase) || (phrase.toLowerCase().match(/[а-яё]+/gu) ?? []).some((w) => monthOf(w) !== null);
}

/** After a bare dash nothing but deadline words: «– до 5 человек в группе» is not a deadline. */
function onlyDeadlineWords(phrase: string): boolean {
  return (phrase.toLowerCase().replace(/ё/g, "е").match(/[а-я]+/gu) ?? []).every((w) => isKnownWord(w));
}

// ---------- deadlines anywhere in the sentence ----------

const NB = "(?![А-ЯЁа-яё])";
const W = "[А-ЯЁа-яё]";
const YEAR = String.raw`(?:19|20)\d\d(?!\d)`;
const YEAR_WORD = String.raw`(?:\s*(?:гг?\.|гг?${NB}|год(?:а|у)?${NB}))?`;
const SCHOOL_YEAR = String.raw`${YEAR}\s*[-–—/]\s*(?:${YEAR}|\d\d(?!\d))\s*(?:уч(?:\.|ебн${W}*)\s*(?:г(?:\.|од${W}*)?)?)`;
const WITH_YEAR = String.raw`(?:\s+(?:${SCHOOL_YEAR}|${YEAR}${YEAR_WORD}))?`;
const MONTH = String.raw`(?:январ[ьяею]|феврал[ьяею]|март[аеу]?|апрел[ьяею]|ма[йяею]|июн[ьяею]|июл[ьяею]|август[аеу]?|сентябр[ьяею]|октябр[ьяею]|ноябр[ьяею]|декабр[ьяею])${NB}`;
const DAY = String.raw`(?:[12]\d|3[01]|0?[1-9])(?!\d)`;
const MON = String.raw`(?:1[0-2]|0?[1-9])(?!\d)`;
const NUM_DATE = String.raw`${DAY}\s?\.\s?${MON}(?:\s?\.\s?(?:\d{4}|\d{2})(?!\d)|\s${YEAR})?(?!\.\d)${YEAR_WORD}`;
const WORD_DATE = String.raw`[«"]?${DAY}[»"]?\s+${MONTH}${WITH_YEAR}`;
const MONTH_DATE = String.raw`${MONTH}${WITH_YEAR}`;
const ORD = String.raw`(?:I{1,3}|IV|[1-4])(?:\s*-?\s*(?:го|й|м|ое|ого|ом)${NB})?`;
const PART = String.raw`${ORD}\s+(?:квартал|полугоди|четверт)${W}*${WITH_YEAR}`;
/** «2025/2026 учебного года», «учебного года» */
const OF_SCHOOL_YEAR = String.raw`(?:${YEAR}\s*[-–—/]\s*(?:${YEAR}|\d\d(?!\d))\s+)?учебного\s+года${NB}`;
/** «конца 2025 года», «начала учебного года», «конца мая», «окончания I квартала 2026 г.» */
const EDGE = String.raw`(?:конц|окончани|начал|середин)${W}*\s+(?:${YEAR}${YEAR_WORD}|${OF_SCHOOL_YEAR}|(?:(?:текущего|календарного|этого)\s+)?года${NB}|${MONTH_DATE}|${PART})`;
/** «(включительно)» after a date is part of the deadline */
const INCLUSIVE = String.raw`(?:\s*\(?включительно\)?)?`;
/** A day, or the edge of a period: what «до» and «к» need to be a deadline («до 5 лет» is not). */
const STRICT = String.raw`(?:${WORD_DATE}|${NUM_DATE}|${EDGE})${INCLUSIVE}`;
const LOOSE = String.raw`(?:${STRICT}|${PART}|${MONTH_DATE})${INCLUSIVE}`;
/** «в течение 3 рабочих дней после проведения ВПР»: a time counted from an event */
const EVENT_WORD = String.raw`(?![а-яё]+(?:ть|ти|чь)(?:ся|сь)?${NB})[а-яё]+`; // not the point's verb
const RELATIVE = String.raw`\d{1,3}\s+(?:(?:рабочих|календарных)\s+)?(?:дн[а-яё]*|недел[а-яё]*|месяц[а-яё]*)(?:\s+(?:после|с\s+момента|со\s+дня|с\s+даты)\s+${EVENT_WORD}(?:\s+${EVENT_WORD})?)?`;
const FOLLOWING = String.raw`(?:,?\s+следующего\s+за\s+отч[её]тным(?:\s+(?:периодом|месяцем|кварталом|годом))?)`;
const DAY_OF = String.raw`\d{1,2}(?:\s*-?\s*(?:го|е)${NB})?\s+(?:числа|дня|рабочего\s+дня)`;
const BY = String.raw`(?:(?:в\s+срок\s+)?(?:до|не\s+позднее|не\s+позже|к)\s+)`;
const RHYTHM = String.raw`(?:ежемесячно|ежеквартально|еженедельно|ежегодно|ежедневно|каждый\s+(?:месяц|квартал)|кажд(?:ую|ой)\s+недел[юи]|(?:\d\s+)?раз\s+в\s+(?:месяц|квартал|недел[юи]|полугодие|год))${NB}`;
const START = "(?<![А-ЯЁа-яё\\d.])";

/** In order of strength: a longer, more explicit phrase wins where two overlap. */
const FINDERS: RegExp[] = [
  // «в период с 1 по 15 октября 2025 г.», «с 01.10.2025 по 15.10.2025»
  new RegExp(String.raw`${START}(?:в\s+период\s+)?с\s+(?:${WORD_DATE}|${NUM_DATE}|${MONTH_DATE}|${DAY})\s*(?:по|до|[-–—])\s*(?:${STRICT}|${MONTH_DATE})`, "giu"),
  // «ежемесячно до 5 числа месяца, следующего за отчётным», «ежегодно до 1 сентября», «ежеквартально»
  new RegExp(String.raw`${START}${RHYTHM}(?:,?\s+${BY}(?:${DAY_OF}(?:\s+(?:каждого\s+)?(?:месяца|квартала))?${FOLLOWING}?|${WORD_DATE}))?`, "giu"),
  // «до 5 числа месяца, следующего за отчётным», «не позднее 10-го числа каждого месяца»: monthly without the adverb
  new RegExp(String.raw`${START}${BY}${DAY_OF}\s+(?:каждого\s+)?(?:месяца|квартала)${FOLLOWING}?`, "giu"),
  // «в срок до 15 апреля 2026 года», «Срок – до 20.05.2026», «срок исполнения: декабрь 2025 г.»
  new RegExp(String.raw`${START}(?:в\s+)?срок(?:и|а)?(?:\s+(?:исполнения|выполнения|представления|предоставления|проведения|реализации))?\s*(?:[:–—-]\s*)?(?:(?:до|не\s+позднее|не\s+позже|к|по)\s+)?${LOOSE}`, "giu"),
  // «не позднее 1 декабря 2025 г.», «не позже мая 2026 года»
  new RegExp(String.raw`${START}не\s+(?:позднее|позже)\s+${LOOSE}`, "giu"),
  // «до 01.04.2026», «к 1 сентября 2025 г.», «до конца I квартала», «к началу учебного года»
  new RegExp(String.raw`${START}(?:до|к|ко)\s+(?:${STRICT}|${MONTH}\s+${YEAR}${YEAR_WORD}|${PART})`, "giu"),
  // «в течение 3 рабочих дней после проведения ВПР», «не позднее 10 дней со дня получения»
  new RegExp(String.raw`${START}(?:в\s+течение|(?:в\s+срок\s+)?не\s+позднее|в\s+срок\s+до)\s+${RELATIVE}`, "giu"),
  // «в течение учебного года», «в течение всего периода», «постоянно» (not «постоянно действующий»)
  new RegExp(
    String.raw`${START}(?:в\s+течение\s+(?:всего\s+)?(?:(?:текущего|календарного)\s+)?(?:учебного\s+)?года(?![А-ЯЁа-яё]|\s+\d)|в\s+течение\s+всего\s+периода(?:\s+реализации(?:\s+(?:программы|плана|дорожной\s+карты))?)?|постоянно(?!\s+действующ)|систематически)${NB}`,
    "giu",
  ),
];

/** A date that belongs to something else: a validity term («сроком до», «действующего до»). */
const NOT_A_DEADLINE_BEFORE = /(?:сроком|действ[а-яё]*|действителен|продолжительностью|рассчитан[а-яё]*\s+на\s+период)\s+$/iu;

interface Found {
  start: number;
  end: number;
  text: string;
}

/** Where quoted titles («…», "…") run in a text: a date inside one names an act, not a deadline. */
function quotedRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let depth = 0;
  let from = 0;
  let ascii = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "«") {
      if (depth++ === 0) from = i;
    } else if (ch === "»" && depth > 0) {
      if (--depth === 0) out.push([from, i]);
    } else if (ch === '"') {
      if (ascii < 0) ascii = i;
      else {
        out.push([ascii, i]);
        ascii = -1;
      }
    }
  }
  if (depth > 0) out.push([from, text.length]);
  return out;
}

/** Every deadline phrase of a sentence, in order, not overlapping. */
function findDeadlines(text: string): Found[] {
  if (!/\d|еже|кажд|раз\s+в|течени|постоянн|систематич|конц|начал|окончани|середин/iu.test(text)) return [];
  const quoted = quotedRanges(text);
  const found: Found[] = [];
  for (const re of FINDERS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (quoted.some(([a, b]) => start > a && start < b)) continue;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      // «… от 12.03.2025 № 45»: a number after it makes the date an act's
      if (/^\s*№/u.test(text.slice(end))) continue;
      if (NOT_A_DEADLINE_BEFORE.test(text.slice(Math.max(0, start - 40), start))) continue;
      found.push({ start, end, text: m[0] });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The text without its deadline phrases, its punctuation mended. */
function without(text: string, found: Found[]): string {
  let out = "";
  let last = 0;
  for (const f of found) {
    let before = text.slice(last, f.start);
    let resume = f.end;
    const after = text.slice(resume);
    // «ОО, не позднее 1 декабря 2025 г., направить» and «…, следующего за отчётным, информацию»: the commas go with it
    const commaAfter = /^\s*,/u.exec(after);
    if (commaAfter && (/,\s*$/u.test(before) || f.text.includes(","))) {
      resume += commaAfter[0].length;
      if (/,\s*$/u.test(before) && !f.text.includes(",")) before = before.replace(/,\s*$/u, " ");
    }
    out += `${before} `;
    last = resume;
  }
  out += text.slice(last);
  return out
    .replace(/\(\s*[,;]?\s*\)/gu, "")
    .replace(/\s+([,.;:)])/gu, "$1")
    .replace(/([(«])\s+/gu, "$1")
    .replace(/,\s*([,.;:])/gu, "$1")
    .replace(/\s*[–—-]\s*([.;,]|$)/gu, "$1")
    .replace(/\s{2,}/gu, " ")
    .replace(/^[\s,;:.–—-]+/u, "")
    .trim();
}

/** Separates a point's deadline phrase from its text. */
export function splitDeadline(text: string): Split {
  const t = text.trim();
  for (const { re, labelled } of AT_END) {
    const m = re.exec(t);
    if (!m) continue;
    const phrase = deadlinePhrase(m[1]!);
    if (!datedPhrase(phrase)) continue;
    if (!labelled && !onlyDeadlineWords(phrase)) continue;
    // a phrase with a verb in it is the point's text, not its deadline
    if ((phrase.match(/[А-ЯЁа-яё]+/gu) ?? []).some(isInfinitive)) continue;
    return { title: stripEnd(t.slice(0, m.index)), phrase };
  }
  const found = findDeadlines(t);
  if (!found.length) return { title: stripEnd(t), phrase: null };
  const phrases = [...new Set(found.map((f) => deadlinePhrase(f.text)))];
  return { title: stripEnd(without(t, found)), phrase: phrases.join("; ") };
}
