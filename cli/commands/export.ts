import { UsageError, type CliCommand } from "../io.ts";

export const run: CliCommand = async () => {
  throw new UsageError("export: not implemented yet");
};
