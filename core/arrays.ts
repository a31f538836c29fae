// Largest and smallest of a list without spreading it into arguments: `Math.max(...xs)` throws a RangeError
// once a list runs to about a hundred thousand values, and a hostile document can make any list that long.

/** The largest value, or `empty` for an empty list. */
export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  let max = empty;
  let any = false;
  for (const v of values) {
    if (!any || v > max) max = v;
    any = true;
  }
  return any ? max : empty;
}

/** The smallest value, or `empty` for an empty list. */
export function minOf(values: Iterable<number>, empty = Infinity): number {
  let min = empty;
  let any = false;
  for (const v of values) {
    if (!any || v < min) min = v;
    any = true;
  }
  return any ? min : empty;
}

/** Appends every item of `items` to `target` (`target.push(...items)` overflows the stack on a long list). */
export function append<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}
