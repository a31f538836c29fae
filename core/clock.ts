/** Injected everywhere time matters, so tests can run a year in seconds. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock the tests move by hand. */
export class ManualClock implements Clock {
  #t: number;
  constructor(start: Date | string) {
    this.#t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#t);
  }
  set(t: Date | string): void {
    this.#t = new Date(t).getTime();
  }
  advance(ms: number): void {
    this.#t += ms;
  }
}

/**
 * The real clock moved by `shiftMs` (tests only, through VEKHA_TEST_CLOCK_SHIFT_MS: a child
 * process that must see another's claims as stale without waiting five real minutes).
 */
export function shiftedClock(shiftMs: number): Clock {
  return shiftMs === 0 ? systemClock : { now: () => new Date(Date.now() + shiftMs) };
}
