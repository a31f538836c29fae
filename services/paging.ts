// SQLite (through the Prisma adapter) allows 999 bound parameters in one statement: a list of ids
// that grows with the data goes in pages, or better, the query filters through a relation.

export const PAGE = 500;

/** Runs `query` over `ids` a page at a time and joins the rows. */
export async function byPages<T, R>(ids: readonly T[], query: (page: T[]) => Promise<R[]>, size = PAGE): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < ids.length; i += size) out.push(...(await query(ids.slice(i, i + size))));
  return out;
}

/** `list` cut into pages of `size`. */
export function pages<T>(list: readonly T[], size = PAGE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
