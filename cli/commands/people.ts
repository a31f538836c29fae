import { UsageError, type CliCommand } from "../io.ts";

export const run: CliCommand = async () => {
  throw new UsageError("people: not implemented yet");
};
