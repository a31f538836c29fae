// The words deadline cells are made of (lower case, ё → е).

const MONTH_STEMS = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"];
const CASE_ENDINGS = new Set(["", "ь", "я", "е", "ю", "ем", "а", "у", "ом"]);
const MAY_FORMS = new Set(["май", "мая", "мае", "маю", "маем"]);

/** 1–12 for «март», «марта», «МАРТ», «мар», «сент», «нояб»…; null for any other word. */
export function monthOf(word: string): number | null {
  if (MAY_FORMS.has(word)) return 5;
  for (let i = 0; i < MONTH_STEMS.length; i++) {
    const stem = MONTH_STEMS[i]!;
    if (stem === "ма") continue;
    // an abbreviation: at least three letters of the stem («мар», «сент», «февр»)
    if (word.length >= 3 && stem.startsWith(word)) return i + 1;
    if (word.startsWith(stem) && CASE_ENDINGS.has(word.slice(stem.length))) return i + 1;
  }
  return null;
}

/** A season as a range of months: «весна 2024» is March to May, «зима» December to February. */
export function seasonOf(word: string): [number, number] | null {
  if (/^(весн[аеуы]|весной|весенн)/.test(word)) return [3, 5];
  if (/^(лето|летом|лета|лету|летн)/.test(word)) return [6, 8];
  if (/^(осен[ьи]|осенью|осенн)/.test(word)) return [9, 11];
  if (/^(зим[аеуы]|зимой|зимн)/.test(word)) return [12, 2];
  return null;
}

/** «i», «ii», «первый», «второго»… → 1–4 (ordinals of quarters and half-years). */
export function ordinalOf(word: string): number | null {
  const roman: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
  if (word in roman) return roman[word]!;
  if (word.startsWith("перв")) return 1;
  if (word.startsWith("втор")) return 2;
  if (word.startsWith("трет")) return 3;
  if (/^четверт(ый|ого|ое|ом|ая|ой|ую|ому)$/.test(word)) return 4; // not «четверть», the school term
  return null;
}

export function isQuarterWord(word: string): boolean {
  return word === "кв" || word.startsWith("квартал");
}

/** «четверть», «четверти» — a school term */
export function isTermWord(word: string): boolean {
  return /^четверт(ь|и|ью|ей|ям|ях)$/.test(word);
}

export function isHalfWord(word: string): boolean {
  return word.startsWith("полугод");
}

/** «учебный», «учебном», «уч.» */
export function isSchoolWord(word: string): boolean {
  return word === "уч" || word.startsWith("учебн");
}

/** Words that carry no date of their own («Срок: июнь 2023 г.», «в срок до …»). */
const FILLER = new Set([
  "г", "гг", "год", "года", "году", "годом", "годы", "годов", "годах",
  "срок", "сроки", "срока", "сроков", "исполнения", "выполнения", "реализации", "проведения", "исполнение",
  "в", "во", "на", "течение", "и", "или", "а", "также", "не", "позднее", "позже", "до", "к", "ко", "с", "со", "по",
  "конец", "конца", "концу", "конце", "окончание", "окончания", "начало", "начала", "середина", "середины",
  "месяц", "месяца", "месяце", "числа", "число", "включительно", "за", "тыс", "дата", "даты", "от", "период", "периода",
  "ежегодно", "то", "есть", "итогам", "итогов", "далее", "дальнейшем", "раз", "раза",
]);

export function isFiller(word: string): boolean {
  return FILLER.has(word);
}

/** Words that announce a deadline rather than a span: «до», «не позднее», «к», «по» (without «с»). */
export function isUntilWord(word: string): boolean {
  return word === "до" || word === "позднее" || word === "позже" || word === "к" || word === "ко" || word === "по";
}

// Whole words a line break may have split («Мар\nт», «ежемесяч\nно»); prefixes would join too much («графиком ГАУ»).
const JOINABLE =
  /^(ежемесячно|еженедельно|ежеквартально|ежедневно|постоянно|течение|необходимости|запросу|запросам|заявкам|заявке|графику|установленные|установленный|установленным|согласованию|учебного|учебный|учебном|квартала?|квартале|полугодие|полугодия|полугодии)$/;

/** A word two split halves may be joined into. */
export function isJoinableWord(word: string): boolean {
  return monthOf(word) !== null || JOINABLE.test(word);
}

/** A word the parser understands in some role — used to repair words split by a line break. */
export function isKnownWord(word: string): boolean {
  return (
    monthOf(word) !== null ||
    seasonOf(word) !== null ||
    ordinalOf(word) !== null ||
    isQuarterWord(word) ||
    isHalfWord(word) ||
    isTermWord(word) ||
    isSchoolWord(word) ||
    isFiller(word) ||
    /^(ежемесячн|еженедельн|ежекварт|ежедневн|постоянн|течени|необходимост|запрос|заявк|график|установленн|согласовани|весь|всего|мере)/.test(word)
  );
}
