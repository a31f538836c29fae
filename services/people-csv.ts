import { parse } from "csv-parse/sync";
import type { Db } from "./db.ts";
import { decodeText, detectDelimiter } from "../core/readers/csv.ts";
import { searchText } from "../core/schools.ts";
import { addContact, addCuratorship, addRole, findOrCreatePersonByName, organizationByName, parseRoles } from "./people.ts";
import { resolveAllAssignments } from "./assign.ts";

// `people import <file.csv>` and a people CSV sent to the bot (after /import, or to a coordinator
// at any time): columns ФИО;Должность;Организация;Роль;Школа (header row; `;` or `,`; UTF-8 or
// Windows-1251). Every problem carries a code (the chat says it in the reader's language) and an
// English message (the CLI's).

/** The template's header: the contract's columns, in order. */
const PEOPLE_CSV_HEADER = "ФИО;Должность;Организация;Роль;Школа";

/**
 * The template a coordinator fills in: the header alone, UTF-8 with a byte order mark (so Excel
 * opens the Cyrillic as it is), lines ending CRLF, «;» as a Russian Excel separates.
 */
export function peopleCsvTemplate(): Buffer {
  return Buffer.from(`\uFEFF${PEOPLE_CSV_HEADER}\r\n`, "utf8");
}

const COLUMNS = {
  name: ["фио", "ф.и.о.", "ф.и.о", "name", "full name"],
  position: ["должность", "position"],
  organization: ["организация", "organization", "organisation"],
  role: ["роль", "роли", "role", "roles"],
  school: ["школа", "школы", "school", "schools"],
} as const;

type Column = keyof typeof COLUMNS;

function headerCells(text: string): string[] {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  const delimiter = detectDelimiter(text);
  try {
    const [row] = parse(first, { delimiter, relax_quotes: true, relax_column_count: true });
    return (row ?? []).map((c) => searchText(c));
  } catch {
    return [];
  }
}

/** A people list is told from a roadmap by its header: ФИО plus Роль or Должность. */
export function isPeopleCsv(bytes: Buffer): boolean {
  if (bytes.length === 0 || bytes.includes(0)) return false;
  const header = headerCells(decodeText(bytes).text);
  const has = (col: Column) => header.some((h) => (COLUMNS[col] as readonly string[]).includes(h));
  return has("name") && (has("role") || has("position"));
}

interface PeopleImportRowError {
  row: number;
  code: "no_name" | "unknown_role";
  /** unknown_role: the role words not understood */
  roles?: string;
  message: string;
}

export interface PeopleImportSummary {
  rows: number;
  created: number;
  updated: number;
  errors: PeopleImportRowError[];
  /** assignments that got a person once the directory changed */
  assignmentsFilled: number;
}

export class PeopleCsvError extends Error {
  constructor(
    readonly code: "empty" | "unreadable" | "no_name_column",
    message: string,
  ) {
    super(message);
  }
}

/** Adds or updates the people of the CSV, then resolves open responsible parties again. */
export async function importPeopleCsv(db: Db, bytes: Buffer): Promise<PeopleImportSummary> {
  const { text } = decodeText(bytes);
  if (text.trim() === "") throw new PeopleCsvError("empty", "the file is empty");
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_quotes: true, relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (e) {
    throw new PeopleCsvError("unreadable", `not a readable CSV: ${(e as Error).message}`);
  }
  const header = (records[0] ?? []).map((c) => searchText(c));
  const index = {} as Record<Column, number>;
  for (const col of Object.keys(COLUMNS) as Column[]) index[col] = header.findIndex((h) => (COLUMNS[col] as readonly string[]).includes(h));
  if (index.name < 0) throw new PeopleCsvError("no_name_column", "no ФИО column in the header (ФИО;Должность;Организация;Роль;Школа)");

  const summary: PeopleImportSummary = { rows: 0, created: 0, updated: 0, errors: [], assignmentsFilled: 0 };
  const cell = (r: string[], col: Column) => (index[col] >= 0 ? (r[index[col]] ?? "").trim() : "");
  for (let i = 1; i < records.length; i++) {
    const r = records[i]!;
    if (r.every((c) => !c.trim())) continue;
    const row = i + 1;
    const name = cell(r, "name");
    if (!name) {
      summary.errors.push({ row, code: "no_name", message: "no name (ФИО)" });
      continue;
    }
    const { roles, unknown } = parseRoles(cell(r, "role") || "исполнитель");
    if (unknown.length > 0) {
      summary.errors.push({ row, code: "unknown_role", roles: unknown.join(", "), message: `unknown role "${unknown.join(", ")}" (исполнитель, куратор, заместитель, координатор)` });
      continue;
    }
    summary.rows++;
    const before = await db.person.count();
    const school = cell(r, "school");
    const organization = cell(r, "organization") || (roles.includes("curator") ? "" : school);
    const person = await findOrCreatePersonByName(db, { name, position: cell(r, "position") || null, organization: organization || null });
    if ((await db.person.count()) > before) summary.created++;
    else summary.updated++;
    for (const role of roles) {
      if (role === "curator" && school) {
        for (const s of school.split(/\s*[|\n]\s*/).filter(Boolean)) await addCuratorship(db, person.id, s);
      } else await addRole(db, person.id, role);
    }
    // the executor of an outside organisation answers for it («НИМРО»)
    if (organization && !roles.includes("curator")) {
      const org = await organizationByName(db, organization);
      if (org.kind !== "school" && org.kind !== "authority") await addContact(db, person.id, organization);
    }
  }
  summary.assignmentsFilled = (await resolveAllAssignments(db)).filled;
  return summary;
}
