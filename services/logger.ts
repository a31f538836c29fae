import { pino, type DestinationStream, type Logger } from "pino";
import { redact } from "./redact.ts";

export type { Logger };

export interface LoggerOptions {
  /** where the JSON lines go (stdout by default); tests pass a capture */
  destination?: { write(line: string): unknown };
}

/** A pino logger whose every line is stripped of secrets (services/redact.ts) before it is written. */
export function createLogger(level = process.env.LOG_LEVEL ?? "info", opts: LoggerOptions = {}): Logger {
  const out = opts.destination ?? process.stdout;
  const destination: DestinationStream = { write: (line: string) => void out.write(redact(line)) };
  return pino({ level, base: undefined }, destination);
}

/**
 * A `.catch` for a Bot API call whose failure the user does not need to hear about (answering a
 * button press, taking the buttons off an old message): the failure is logged, nothing is thrown.
 */
export function logFailure(logger: Logger, what: string): (err: unknown) => void {
  return (err) => logger.warn({ err }, `${what} failed`);
}
