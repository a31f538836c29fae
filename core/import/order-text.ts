import type { CuratorLink } from "../types.ts";

// STUB created by the table import work so metadata.ts compiles: the prose/parties engineer owns this
// file and replaces these bodies (same exported names and signatures).

/** «Контроль за исполнением … возложить на …» → «Фамилия И.О.»; «оставляю за собой» → the signatory. */
export function findController(_paragraphs: string[]): string | null {
  return null;
}

/** «Назначить кураторов…: school – person, position» → curator links. */
export function findCurators(_paragraphs: string[]): CuratorLink[] {
  return [];
}
