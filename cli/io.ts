import type { Translator } from "../services/i18n.ts";

// Exit codes of the contract: 0 success, 1 a problem with the input, 2 bad usage.
export class InputError extends Error {
  readonly exitCode = 1;
}
export class UsageError extends Error {
  readonly exitCode = 2;
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
}

/** What a command gets: the streams, and the operator's language (`--lang`, Russian by default). */
export interface CliContext extends CliIo {
  tr: Translator;
}

export type CliCommand = (argv: string[], io: CliContext) => Promise<void>;

/** A usage error in one line: what was wrong, then the command's syntax. */
export function usageError(tr: Translator, problem: string, usage: string): UsageError {
  return new UsageError(tr.t("cli-problem-usage", { problem, usage }));
}
