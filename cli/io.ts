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

export type CliCommand = (argv: string[], io: CliIo) => Promise<void>;
