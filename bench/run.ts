import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// `npm run bench [-- name…]`: runs every bench/<area>.ts that exports bench(), prints figures.
// A bench that exports `optIn` (the name of an environment variable) is long and runs only when
// named or when that variable is set: bench/region.ts (the region of issue 12, minutes at full
// scale) runs with `npm run bench -- region` or `REGION_SCALE=0.1 npm run bench`.
const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts" && !f.startsWith("_"))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.ts$/, "")))
  .sort();
for (const f of files) {
  const mod = (await import(path.join(dir, f))) as { bench?: () => Promise<void>; optIn?: string };
  if (!mod.bench) continue;
  const name = f.replace(/\.ts$/, "");
  console.log(`\n== ${name} ==`);
  if (mod.optIn && !only.includes(name) && !process.env[mod.optIn]) {
    console.log(`skipped (long): \`npm run bench -- ${name}\` or set ${mod.optIn} to run it`);
    continue;
  }
  await mod.bench();
}
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
console.log(`\npeak RSS of the whole run: ${mb(process.resourceUsage().maxRSS * 1024)}`);
