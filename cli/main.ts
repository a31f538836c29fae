import { main } from "./run.ts";

const code = await main(process.argv.slice(2), {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : t + "\n"),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : t + "\n"),
  env: process.env,
}).catch((e: unknown) => {
  // main answers every failure itself; this only keeps the exit code one of the contract's
  process.stderr.write(`internal error: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]}\n`);
  return 1;
});
process.exitCode = code;
