import { main, takeLang } from "./run.ts";
import { translator } from "../services/i18n.ts";

const argv = process.argv.slice(2);
const code = await main(argv, {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : t + "\n"),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : t + "\n"),
  env: process.env,
}).catch((e: unknown) => {
  // main answers every failure itself; this only keeps the exit code one of the contract's
  const detail = (e instanceof Error ? e.message : String(e)).split("\n")[0];
  process.stderr.write(`${translator(takeLang(argv).lang).t("cli-internal-error", { detail })}\n`);
  return 1;
});
process.exitCode = code;
