import type { CuratorLink } from "../types.ts";
import { findPersonNames, phraseNominative } from "../names.ts";
import { cleanCellText, splitTopLevel, tidy } from "../parties.ts";

// What an order's prose says about who controls it and who curates which school.
// «Контроль за исполнением … возложить на заместителя начальника О.В. Бутусову» → «Бутусова О.В.»;
// «оставляю за собой» → the signatory under the order; «Назначить кураторов …: school – person, position».

const CONTROL = /контроль\s+(?:за\s+|над\s+)?(?:исполнени|выполнени|реализаци|ходом)/i;
const KEEP_MYSELF = /оставляю\s+за\s+собой/i;
const ASSIGN_TO = /(?:возложить|возлагаю|возложено)\s+на\s+/i;
/** A numbered point «2.», «3.1.», «4.Контроль» — the end of a list of appointments. */
const NUMBERED = /^\s*(?:[1-9]\d?)(?:\.[1-9]\d?)*\.(?!\d)\s*\S/;
/** Signature lines are short: a position and a name. */
const SIGNATURE_MAX = 60;

function clean(paragraphs: string[]): string[] {
  return paragraphs.map((p) => cleanCellText(p ?? "").replace(/\n/g, " "));
}

/** Who controls the order, short nominative name («Бутусова О.В.»), or null when the order names nobody. */
export function findController(paragraphs: string[]): string | null {
  const ps = clean(paragraphs);
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i]!;
    if (!CONTROL.test(p)) continue;
    const joined = `${p} ${ps[i + 1] ?? ""}`;
    if (KEEP_MYSELF.test(p)) return signatoryAfter(ps, i + 1);
    const at = ASSIGN_TO.exec(p) ?? ASSIGN_TO.exec(joined);
    if (!at) continue;
    const tail = joined.slice(at.index + at[0].length);
    const name = findPersonNames(tail, { grammaticalCase: "acc" })[0];
    if (name) return name.short;
  }
  return null;
}

/** The first short line with a person's name after the order's last point: the signatory. */
function signatoryAfter(paragraphs: string[], from: number): string | null {
  const ps = clean(paragraphs);
  for (let i = from; i < Math.min(ps.length, from + 10); i++) {
    const p = ps[i]!.trim();
    if (!p || p.length > SIGNATURE_MAX) continue;
    const name = findPersonNames(p)[0];
    if (name) return name.short;
  }
  return null;
}

export const APPOINT =
  /(?:назначить|закрепить|определить)\s+(?:кураторами|кураторов|куратором|куратора|школ[аыу]?-(?:куратор|тьютор|консультант)\S*|школ-(?:куратор|тьютор|консультант)\S*)/i;
/** «Закрепить школы-тьюторы за ШНОР:»: the lines name the curating school first. */
const CURATOR_FIRST = /школ\S*-(?:куратор|тьютор|консультант)\S*\s+за\s/i;
/** «Закрепить школу-тьютора МБОУ СОШ № 1 за МБОУ СОШ № 3» in one sentence. */
const TUTOR_FOR = /школ\S*-(?:куратор|тьютор|консультант)\S*\s+([А-ЯЁ]{2,}.+?)\s+за\s+([А-ЯЁ]{2,}.+?)\s*[.;]?$/u;
/** «Школе-консультанту МКОУ «Мамаканская СОШ», куратору МКОУ «СОШ №3 г.Бодайбо»» (a school curating a school). */
const SCHOOL_CURATOR =
  /школ[еау][-–](?:консультант|тьютор|куратор|партн[её]р)[а-яё]*\s+(.+?),\s*куратор[а-яё]*\s+(.+?)(?=\s+в\s+\d{4}|\s+на\s+\d{4}|\s*[:;(]|\s*$)/i;
const DASH = /\s[–—-]\s|\s[–—-](?=[А-ЯЁ])/u;

/** Curator appointments: «Назначить кураторов…:» followed by «school – person, position» lines, and schools named curators of schools. */
export function findCurators(paragraphs: string[]): CuratorLink[] {
  const ps = clean(paragraphs);
  const links: CuratorLink[] = [];
  const add = (link: CuratorLink) => {
    if (!link.school || !link.curator) return;
    if (!links.some((l) => l.school === link.school && l.curator === link.curator)) links.push(link);
  };
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i]!;
    const appoint = APPOINT.exec(p);
    if (appoint) {
      const tutorFor = TUTOR_FOR.exec(p);
      if (tutorFor) {
        add({ school: tidy(tutorFor[2]!), curator: tidy(tutorFor[1]!), curatorKind: "organization", position: null });
        continue;
      }
      const curatorFirst = CURATOR_FIRST.test(p);
      const rest = p.slice(appoint.index + appoint[0].length);
      const colon = rest.indexOf(":");
      const after = colon >= 0 ? rest.slice(colon + 1).trim() : "";
      const before = tidy(colon >= 0 ? rest.slice(0, colon) : rest);
      // «Назначить куратором МБОУ СОШ № 3: Петрову А.И., …» names the school before the colon
      let inline = after && /^[А-ЯЁ]/u.test(before) ? `${before} – ${after}` : after;
      // «Назначить куратором МБОУ «СОШ № 5» Смирнову Анну Петровну, методиста …» in one sentence
      if (colon < 0 && /^[А-ЯЁ]/u.test(before)) inline = before;
      const lines = inline ? [inline] : [];
      if (!inline) {
        for (let j = i + 1; j < ps.length && !NUMBERED.test(ps[j]!); j++) {
          if (!ps[j]!.trim()) continue;
          lines.push(ps[j]!);
        }
      }
      for (const line of lines.flatMap((l) => l.split(/;\s*(?=\S)/))) for (const link of appointmentLine(line, curatorFirst)) add(link);
      continue;
    }
    const sc = SCHOOL_CURATOR.exec(p);
    if (sc) add({ school: tidy(sc[2]!), curator: tidy(sc[1]!), curatorKind: "organization", position: null });
  }
  return links;
}

/** «МОУ «СОШ г. Ермолино» – Расческину Ольгу Дмитриевну, заместителя директора МОУ «СОШ №4»» → links. */
export function appointmentLine(line: string, curatorFirst = false): CuratorLink[] {
  const text = tidy(line.replace(/[;.]\s*$/, ""));
  if (!text) return [];
  const name = findPersonNames(text, { grammaticalCase: "acc" })[0];
  let schoolsText: string;
  let curator: string;
  let curatorKind: CuratorLink["curatorKind"];
  let position: string | null = null;
  if (name) {
    schoolsText = text.slice(0, name.start);
    curator = name.short;
    curatorKind = "person";
    let pos = tidy(text.slice(name.end));
    // «Иванову И.И., методиста ИМЦ – МБОУ СОШ № 1»: the person first, the school after the dash
    const tail = !tidy(schoolsText) ? splitAtDash(` ${pos}`) : null;
    if (tail) {
      pos = tidy(tail[0]);
      schoolsText = tail[1];
    }
    position = pos ? phraseNominative(pos, "acc") : null;
  } else {
    // a school curated by a school: «МОУ «СОШ №2» – МОУ «СОШ №1»»
    const dash = splitAtDash(text);
    if (!dash) return [];
    [schoolsText, curator] = curatorFirst ? [dash[1], tidy(dash[0])] : [dash[0], tidy(dash[1])];
    curatorKind = "organization";
  }
  const schools = splitTopLevel(schoolsText, (t, i) => {
    const m = /^\s+и\s+(?=[А-ЯЁ])|^,\s*(?=[А-ЯЁ])/u.exec(t.slice(i));
    return m ? m[0].length : 0;
  });
  return schools.map((s) => ({ school: tidy(s), curator, curatorKind, position }));
}

/** Splits «left – right» at the first dash outside quotes. */
function splitAtDash(text: string): [string, string] | null {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "«") depth++;
    else if (ch === "»") depth = Math.max(0, depth - 1);
    else if (depth === 0 && DASH.test(text.slice(i - 1 < 0 ? 0 : i - 1, i + 2)) && /[–—-]/.test(ch)) {
      return [text.slice(0, i), text.slice(i + 1)];
    }
  }
  return null;
}
