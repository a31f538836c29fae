// Values of a raw SELECT's rows as the drivers give them back: ids as numbers (PostgreSQL's
// aggregates and SQLite's big integers can come as bigint), dates as Dates (both adapters give
// Dates for DateTime columns; a string or number is parsed).

export type RawRow = Record<string, unknown>;

export const num = (v: unknown): number => Number(v);

export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function dateOf(v: unknown): Date {
  return v instanceof Date ? v : new Date(v as string | number);
}

export const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : dateOf(v));

export const textOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : (v as string));
