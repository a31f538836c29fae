import type { Every } from "../types.ts";

// The words that make a deadline a rhythm, an on-request task or an ongoing one rather than a date.

export const RECURRING: [RegExp, Every][] = [
  [/еженедельн|кажд(ую|ой) недел|раз в недел/, "week"],
  [/ежемесячн|кажд(ый|ого) месяц|раз в месяц/, "month"],
  [/ежекварт|поквартальн|кажд(ый|ого) квартал|раз в квартал/, "quarter"],
];
export const YEARLY = /ежегодн|кажд(ый|ого) год/;
// (also a time counted from an event: «в течение 10 дней после получения», «по факту проведения»)
export const ON_DEMAND =
  /по мере необходимост|по необходимост|по запрос|по заявк|по график|по согласовани|по требовани|в установленн[а-я]*(?:\s+\S+){0,8}?\s+срок|в течение \d+\s*(?:[а-я]+\s+)?(?:дн|недел|месяц)|с момента|со дня|по факту|по мере поступлени|после (?:получени|проведени|поступлени|утверждени)/;
// (a rhythm the contract's `every` has no word for — half-yearly, yearly — runs all along too)
export const ONGOING =
  /постоянн|в течени|весь период|всего периода|весь срок|на протяжении|ежедневн|систематическ|регулярн|раз в полугоди|кажд(ое|ого) полугоди|раз в год/;
export const RELATIVE = /в течение \d+\s*(?:[а-я]+\s+)?(?:дн|недел|месяц)[а-я]*/g;
export const WHOLE_PERIOD = /весь период|всего периода|весь срок/;
