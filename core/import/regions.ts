// Russia's regions → IANA time zones (UTC+2 … UTC+12), matched by the stems documents use
// («Амурской области», «Республики Мордовия», «Пермского края», «ХМАО – Югры»).
// Regions spanning several zones (Якутия) take the zone of their capital.

interface Region {
  name: string;
  zone: string;
  pattern: RegExp;
  /** the same pattern, global, for counting */
  global: RegExp;
  /** «<stem>… область / край»: found in one pass over the text with all the others of its kind */
  stem?: string;
  unit?: "oblast" | "krai";
}

const OBL = String.raw`\s+(?:обл\.|област)`;
const KRAI = String.raw`\s+кра[йяюе]`;

function oblast(stem: string, name: string, zone: string): Region {
  return { ...named(new RegExp(`(?<![а-яё])${stem}[а-яё]*${OBL}`, "i"), name, zone), stem, unit: "oblast" };
}
function krai(stem: string, name: string, zone: string): Region {
  return { ...named(new RegExp(`(?<![а-яё])${stem}[а-яё]*${KRAI}`, "i"), name, zone), stem, unit: "krai" };
}
function named(pattern: RegExp, name: string, zone: string): Region {
  return { name, zone, pattern, global: new RegExp(pattern.source, "gi") };
}

export const REGIONS: Region[] = [
  // UTC+2
  oblast("калининградск", "Калининградская область", "Europe/Kaliningrad"),
  // UTC+3
  named(/(?<![а-яё])(?:г\.\s*)?москв[аеыу](?![а-яё])/i, "Москва", "Europe/Moscow"),
  named(/санкт-петербург/i, "Санкт-Петербург", "Europe/Moscow"),
  named(/(?<![а-яё])севастопол/i, "Севастополь", "Europe/Simferopol"),
  named(/(?<![а-яё])адыге/i, "Республика Адыгея", "Europe/Moscow"),
  named(/(?<![а-яё])дагестан/i, "Республика Дагестан", "Europe/Moscow"),
  named(/(?<![а-яё])ингушети/i, "Республика Ингушетия", "Europe/Moscow"),
  named(/кабардино-балкар/i, "Кабардино-Балкарская Республика", "Europe/Moscow"),
  named(/(?<![а-яё])калмыки/i, "Республика Калмыкия", "Europe/Moscow"),
  named(/карачаево-черкес/i, "Карачаево-Черкесская Республика", "Europe/Moscow"),
  named(/(?<![а-яё])карели[ияюей]/i, "Республика Карелия", "Europe/Moscow"),
  named(/республик[аиеу]\s+коми(?![а-яё])/i, "Республика Коми", "Europe/Moscow"),
  named(/республик[аиеу]\s+крым|(?<![а-яё])крым(?![а-яё])/i, "Республика Крым", "Europe/Simferopol"),
  named(/марий\s+эл/i, "Республика Марий Эл", "Europe/Moscow"),
  named(/(?<![а-яё])мордови/i, "Республика Мордовия", "Europe/Moscow"),
  named(/северн[а-я]*\s+осети/i, "Республика Северная Осетия — Алания", "Europe/Moscow"),
  named(/(?<![а-яё])татарстан/i, "Республика Татарстан", "Europe/Moscow"),
  named(/(?<![а-яё])чеченск[а-я]*\s+республик/i, "Чеченская Республика", "Europe/Moscow"),
  named(/(?<![а-яё])чуваш/i, "Чувашская Республика", "Europe/Moscow"),
  krai("краснодарск", "Краснодарский край", "Europe/Moscow"),
  krai("ставропольск", "Ставропольский край", "Europe/Moscow"),
  oblast("белгородск", "Белгородская область", "Europe/Moscow"),
  oblast("брянск", "Брянская область", "Europe/Moscow"),
  oblast("владимирск", "Владимирская область", "Europe/Moscow"),
  oblast("воронежск", "Воронежская область", "Europe/Moscow"),
  oblast("ивановск", "Ивановская область", "Europe/Moscow"),
  oblast("калужск", "Калужская область", "Europe/Moscow"),
  oblast("кировск", "Кировская область", "Europe/Kirov"),
  oblast("костромск", "Костромская область", "Europe/Moscow"),
  oblast("курск", "Курская область", "Europe/Moscow"),
  oblast("ленинградск", "Ленинградская область", "Europe/Moscow"),
  oblast("липецк", "Липецкая область", "Europe/Moscow"),
  oblast("московск", "Московская область", "Europe/Moscow"),
  oblast("мурманск", "Мурманская область", "Europe/Moscow"),
  oblast("нижегородск", "Нижегородская область", "Europe/Moscow"),
  oblast("новгородск", "Новгородская область", "Europe/Moscow"),
  oblast("орловск", "Орловская область", "Europe/Moscow"),
  oblast("пензенск", "Пензенская область", "Europe/Moscow"),
  oblast("псковск", "Псковская область", "Europe/Moscow"),
  oblast("ростовск", "Ростовская область", "Europe/Moscow"),
  oblast("рязанск", "Рязанская область", "Europe/Moscow"),
  oblast("смоленск", "Смоленская область", "Europe/Moscow"),
  oblast("тамбовск", "Тамбовская область", "Europe/Moscow"),
  oblast("тверск", "Тверская область", "Europe/Moscow"),
  oblast("тульск", "Тульская область", "Europe/Moscow"),
  oblast("ярославск", "Ярославская область", "Europe/Moscow"),
  oblast("архангельск", "Архангельская область", "Europe/Moscow"),
  oblast("вологодск", "Вологодская область", "Europe/Moscow"),
  oblast("волгоградск", "Волгоградская область", "Europe/Volgograd"),
  named(/ненецк[а-я]*\s+автономн/i, "Ненецкий автономный округ", "Europe/Moscow"),
  named(/донецк[а-я]*\s+народн|(?<![а-яё])днр(?![а-яё])/i, "Донецкая Народная Республика", "Europe/Moscow"),
  named(/луганск[а-я]*\s+народн|(?<![а-яё])лнр(?![а-яё])/i, "Луганская Народная Республика", "Europe/Moscow"),
  oblast("запорожск", "Запорожская область", "Europe/Moscow"),
  oblast("херсонск", "Херсонская область", "Europe/Moscow"),
  // UTC+4
  oblast("самарск", "Самарская область", "Europe/Samara"),
  named(/(?<![а-яё])удмурт/i, "Удмуртская Республика", "Europe/Samara"),
  oblast("астраханск", "Астраханская область", "Europe/Astrakhan"),
  oblast("саратовск", "Саратовская область", "Europe/Saratov"),
  oblast("ульяновск", "Ульяновская область", "Europe/Ulyanovsk"),
  // UTC+5
  named(/(?<![а-яё])башкорт|(?<![а-яё])башкири/i, "Республика Башкортостан", "Asia/Yekaterinburg"),
  oblast("курганск", "Курганская область", "Asia/Yekaterinburg"),
  oblast("оренбургск", "Оренбургская область", "Asia/Yekaterinburg"),
  krai("пермск", "Пермский край", "Asia/Yekaterinburg"),
  oblast("свердловск", "Свердловская область", "Asia/Yekaterinburg"),
  oblast("тюменск", "Тюменская область", "Asia/Yekaterinburg"),
  oblast("челябинск", "Челябинская область", "Asia/Yekaterinburg"),
  named(/ханты-мансийск|(?<![а-яё])хмао(?![а-яё])|(?<![а-яё])югр[аыеу](?![а-яё])/i, "Ханты-Мансийский автономный округ — Югра", "Asia/Yekaterinburg"),
  named(/ямало-ненецк|(?<![а-яё])янао(?![а-яё])/i, "Ямало-Ненецкий автономный округ", "Asia/Yekaterinburg"),
  // UTC+6
  oblast("омск", "Омская область", "Asia/Omsk"),
  // UTC+7
  krai("алтайск", "Алтайский край", "Asia/Barnaul"),
  named(/республик[аиеу]\s+алтай/i, "Республика Алтай", "Asia/Barnaul"),
  oblast("новосибирск", "Новосибирская область", "Asia/Novosibirsk"),
  oblast("томск", "Томская область", "Asia/Tomsk"),
  named(/(?<![а-яё])кемеровск[а-яё]*\s+(?:обл\.|област)|(?<![а-яё])кузбасс/i, "Кемеровская область — Кузбасс", "Asia/Novokuznetsk"),
  krai("красноярск", "Красноярский край", "Asia/Krasnoyarsk"),
  named(/республик[аиеу]\s+тыв|(?<![а-яё])тыва(?![а-яё])/i, "Республика Тыва", "Asia/Krasnoyarsk"),
  named(/(?<![а-яё])хакаси/i, "Республика Хакасия", "Asia/Krasnoyarsk"),
  // UTC+8
  oblast("иркутск", "Иркутская область", "Asia/Irkutsk"),
  named(/(?<![а-яё])бурят/i, "Республика Бурятия", "Asia/Irkutsk"),
  // UTC+9
  krai("забайкальск", "Забайкальский край", "Asia/Chita"),
  oblast("амурск", "Амурская область", "Asia/Yakutsk"),
  named(/республик[аиеу]\s+саха|(?<![а-яё])якути/i, "Республика Саха (Якутия)", "Asia/Yakutsk"),
  // UTC+10
  krai("приморск", "Приморский край", "Asia/Vladivostok"),
  krai("хабаровск", "Хабаровский край", "Asia/Vladivostok"),
  named(/еврейск[а-я]*\s+автономн/i, "Еврейская автономная область", "Asia/Vladivostok"),
  // UTC+11
  oblast("магаданск", "Магаданская область", "Asia/Magadan"),
  oblast("сахалинск", "Сахалинская область", "Asia/Sakhalin"),
  // UTC+12
  krai("камчатск", "Камчатский край", "Asia/Kamchatka"),
  named(/чукотск/i, "Чукотский автономный округ", "Asia/Anadyr"),
];

const UNIT = /(?<![а-яё])([а-яё]+)\s+(обл\.|област|кра[йяюе])/gi;
// longest stems first: «новгородск» must not take «нижегородск»'s place, nor «курск» «курганск»
const BY_UNIT = REGIONS.filter((r) => r.stem).sort((a, b) => b.stem!.length - a.stem!.length);
const NAMED = REGIONS.filter((r) => !r.stem);

export interface RegionGuess {
  zone: string;
  region: string;
}

/**
 * The region a document is from, when clear: the zone most often named, provided it is named at least
 * twice as often as any other zone (a ministry letter from Москва must not move Амурская область).
 */
export function guessRegion(texts: string[]): RegionGuess | null {
  const byZone = new Map<string, { count: number; region: string; best: number }>();
  const add = (region: Region, count: number) => {
    const entry = byZone.get(region.zone) ?? { count: 0, region: region.name, best: 0 };
    entry.count += count;
    if (count > entry.best) Object.assign(entry, { best: count, region: region.name });
    byZone.set(region.zone, entry);
  };
  const all = texts.join("\n");
  // one pass for every «… области» and «… края»: one regular expression per region costs a scan each
  const units = new Map<Region, number>();
  for (const m of all.matchAll(UNIT)) {
    const word = m[1]!.toLowerCase();
    const unit = /^кра/i.test(m[2]!) ? "krai" : "oblast";
    const region = BY_UNIT.find((r) => r.unit === unit && word.startsWith(r.stem!));
    if (region) units.set(region, (units.get(region) ?? 0) + 1);
  }
  for (const [region, count] of units) add(region, count);
  for (const region of NAMED) {
    const count = all.match(region.global)?.length ?? 0;
    if (count) add(region, count);
  }
  const ranked = [...byZone.entries()].sort((a, b) => b[1].count - a[1].count);
  const first = ranked[0];
  if (!first) return null;
  const second = ranked[1];
  if (second && second[1].count * 2 > first[1].count) return null;
  return { zone: first[0], region: first[1].region };
}
