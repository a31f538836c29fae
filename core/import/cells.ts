// What a table cell holds, judged by its words alone: a deadline, responsible parties, an action, a result,
// evidence, an item number. Cheap tests (no parsing): the column finder runs them over every cell of every
// table of a document. Each answers for one cell; a column is judged by the share of its cells that pass.

const MONTH = String.raw`(?:январ|феврал|март|апрел|ма[йяею]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-яё]*`;

/** Words a deadline is made of (besides numbers and months). */
const DEADLINE_WORD = new Set(
  (
    "г гг год года году годы годов лет учебный учебного учебном уч квартал квартала кварталы кв полугодие полугодия полугодии " +
    "течение течении весь всего период периода срок сроки сроков постоянно ежегодно ежемесячно еженедельно ежеквартально ежедневно " +
    "систематически регулярно по до с со в во на к не позднее позже ранее числа число конец конца начало начала середина середины " +
    "первая первой вторая второй половина половины декада декады неделя недели раз мере необходимости необходимость запросу запросам " +
    "заявкам заявке графику графиком согласно плану установленные установленный сроки этапа этап дней дня день рабочих календарных " +
    "каникул каникулы итогам окончании месяца месяц месяцев года и или а также ежегодно течении весна осень зима лето весной осенью " +
    "летом зимой четверть четверти четвертей триместр триместра каждой каждый каждого каждую ii iii iv i"
  ).split(" "),
);
/** At least one of these makes words a deadline: a month, a date, a year, a quarter, a rhythm, «по мере необходимости». */
const DEADLINE_ANCHOR = new RegExp(
  String.raw`${MONTH}|\d{1,2}\.\d{1,2}(?:\.\d{2,4})?|(?<!\d)(?:19|20)\d\d(?!\d)|квартал|полугоди|четверт|триместр|течени|постоянн|ежегодн|ежемесячн|еженедельн|ежекварт|ежедневн|систематическ|регулярн|необходимост|по запрос|по заявк|по график|весь период|учебн[а-я]* год`,
  "i",
);

const MONTH_WORD = new RegExp(`^${MONTH}$`);

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/ё/g, "е")
    .split(/[^a-zа-я0-9]+/)
    .filter(Boolean);
}

/** «Март 2024», «до 15.06.2023 г.», «В течение года (по заявкам)», «II квартал»: nearly every word a deadline word. */
export function looksLikeDeadline(text: string): boolean {
  const t = text.trim();
  if (!t || t.length > 160 || !DEADLINE_ANCHOR.test(t)) return false;
  const ws = words(t);
  if (!ws.length || ws.length > 30) return false;
  const known = ws.filter((w) => /^\d+$/.test(w) || DEADLINE_WORD.has(w) || MONTH_WORD.test(w)).length;
  return known / ws.length >= 0.6;
}

const PARTY_STEM =
  /^(?:все|руководител|директор|заместител|зам|специалист|начальник|учител|педагог|методист|координатор|куратор|психолог|логопед|дефектолог|инспектор|классн|администрац|председател|секретар|эксперт|тьютор|управлени|отдел|министерств|минобр|минпрос|комитет|департамент|центр|институт|совет|служб|рабоч|объединени|ассоциац|комисси|ответственн|сотрудник|работник|команд|школ|организаци|учреждени|родител|главн|ведущ|муниципальн|образовательн|общеобразовательн|региональн|государствен|социальн|старш|заведующ|воспитател|библиотекар|советник|администратор|кураторы|оператор|филиал|фонд|редакц|оргкомитет|жюри|члены|участник|предметник|пмпк|тпмпк)/;
const PERSON = /[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.?|[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+|[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:вич|вна|чна|ична|оглы|кызы)(?![а-яё])/;
/** An abbreviation: «ОО», «МОУО», «НИМРО», «МКУ «…»», «ГАУ ДПО». */
const ABBREVIATION = /^[А-ЯЁA-Z]{2,}(?:[-–][А-ЯЁA-Z]+)?(?![а-яё])/;

/**
 * «Е.А. Полухина, главный специалист», «Руководители ОО», «Минобразования НСО, НИМРО», «Отдел по работе с
 * учреждениями образования»: every part (split at commas, semicolons and lines) a person, a post or a body.
 */
export function looksLikeParties(text: string): boolean {
  const t = text.trim();
  if (!t || t.length > 400) return false;
  const parts = t
    .split(/[,;\n]|\s+и\s+(?=[А-ЯЁ])/)
    .map((p) => p.replace(/^[\s\-–—•]+/, "").trim())
    .filter(Boolean);
  if (!parts.length) return false;
  let good = 0;
  for (const p of parts) if (partyPart(p)) good++;
  return good / parts.length >= 0.6;
}

function partyPart(p: string): boolean {
  if (PERSON.test(p) || ABBREVIATION.test(p)) return true;
  if (/^\(?(?:по согласовани|контрол)/i.test(p)) return true;
  const ws = words(p).slice(0, 3);
  // «Управление образования» is a body before it is an action
  if (PARTY_STEM.test(ws[0] ?? "")) return true;
  return ws.some((w) => PARTY_STEM.test(w)) && !ACTION_WORD.test(ws[0] ?? "");
}

/** The first word of an action: a verbal noun, a known kind of work, an infinitive or «проводим». */
const ACTION_WORD = new RegExp(
  [
    String.raw`^[а-я]{3,}(?:ние|нье|тие|ция)$`,
    String.raw`^(?:разработк|подготовк|переподготовк|доработк|корректировк|оценк|проверк|диагностик|поддержк|закупк|постановк|установк|расстановк|отработк|обработк|выработк|экспертиз|апробац|актуализац|анализ|мониторинг|аудит|контрол|обзор|сбор|выезд|семинар|совещани|вебинар|курс|конкурс|конференц|форум|заседани|встреч|консультац|тренинг|практикум|мастер|стажировк|обмен|работа$|работы$|урок|акци|педсовет|собрани|посещени|пробн|олимпиад|инструктаж|круглый|месячник|публикац|опрос|анкетирован|тестирован|информирован|мероприяти|недел|декад|месячник|день$|дни$|диктант|фестивал|выставк|экскурси|часы?$|линейк|смотр|слет|турнир|марафон|квест|лекци|бесед|заняти|консилиум|планерк|впр$|огэ$|егэ$|гиа$|гвэ$|рдр$|нико$)`,
    String.raw`^(?!.*(?:ость|асть|есть|сеть|часть|путь)$)[а-я]{3,}(?:ать|ять|ить|еть|уть|ыть|ти|ться|тись)$`,
    String.raw`^[а-я]{4,}(?:уем|аем|яем|[дтвлнс]им)$`,
  ].join("|"),
);
const ADJECTIVE = /(?:ое|ая|ый|ий|ые|ие|ой|ых|ого|ей|но|ско)$/;

const firstWord = (text: string) => words(text.slice(0, 60).replace(/^[\s\-–—•*]+/, ""))[0] ?? "";

/** «Проведение мониторинга…», «Анализ итогов…», «Провести семинар», «Проводим…». */
export function looksLikeAction(text: string): boolean {
  const ws = words(text.slice(0, 120).replace(/^[\s\-–—•*]+/, "")).slice(0, 3);
  for (const w of ws) {
    if (ACTION_WORD.test(w)) return true;
    if (!ADJECTIVE.test(w)) return false; // «Выездные совещания», «Методическое сопровождение»: past the adjectives
  }
  return false;
}

/** A past participle («Проведён», «Подготовлена», «Обучено», «Определены»): what was achieved. */
const PARTICIPLE = /^[а-я]{3,}(?:[еая]н|[еая]на|[еая]но|[еая]ны|ят|ята|ято|яты|ыт|ыта|ыто|ыты|ит|ита|ито|иты)$/;
const RESULT_WORD =
  /(?:не менее|не ниже|не более|\d\s*%|доля|количеств|увеличени|снижени|повышени|рост|справк|приказ|протокол|рекомендац|программ|положени|аналитическ|план(?![а-яё])|отчет|банк|база|перечень|список|сформирован|положительн|динамик|качеств)/;

export function looksLikeResult(text: string): boolean {
  const t = text.toLowerCase().replace(/ё/g, "е");
  return PARTICIPLE.test(firstWord(t)) || RESULT_WORD.test(t);
}

const EVIDENCE_WORD = /(?:ссылк|сайт|https?:|www\.|публикац|размещ|скриншот|фото|сми(?![а-яё])|информационн[а-яё]* сопровожд|портал|страниц|телеграм|вконтакте|вк(?![а-яё]))/;

export function looksLikeEvidence(text: string): boolean {
  return EVIDENCE_WORD.test(text.toLowerCase().replace(/ё/g, "е"));
}

const ROMAN = /^(?=[IVXLC])(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;

/** «IV.», «XII» → its value; Latin or look-alike Cyrillic letters («І», «Х»). Null when not a Roman numeral. */
export function romanValue(text: string): number | null {
  const t = text
    .trim()
    .replace(/[.)]$/, "")
    .replace(/[ІӀ]/g, "I")
    .replace(/Х/g, "X")
    .replace(/С/g, "C");
  if (!t || t.length > 8 || !ROMAN.test(t)) return null;
  let total = 0;
  const value: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
  for (let i = 0; i < t.length; i++) {
    const v = value[t[i]!]!;
    const next = value[t[i + 1] ?? ""] ?? 0;
    total += v < next ? -v : v;
  }
  return total || null;
}

/** «а)», «б.», «в)» → «а»: a lettered sub-item. */
export function letterMark(text: string): string | null {
  const m = /^\s*\(?([а-яё])\s*[).]\s*$/.exec(text);
  return m && m[1] !== "ь" && m[1] !== "ъ" && m[1] !== "ы" ? m[1]! : null;
}
