import { main } from "./run.ts";

const code = await main(process.argv.slice(2), {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : t + "\n"),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : t + "\n"),
  env: process.env,
});
process.exitCode = code;
