import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// `npm run bench [-- name…]`: runs every bench/<area>.ts that exports bench(), prints figures.
const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts" && !f.startsWith("_"))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.ts$/, "")))
  .sort();
for (const f of files) {
  const mod = (await import(path.join(dir, f))) as { bench?: () => Promise<void> };
  if (!mod.bench) continue;
  console.log(`\n== ${f.replace(/\.ts$/, "")} ==`);
  await mod.bench();
}
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
console.log(`\npeak RSS of the whole run: ${mb(process.resourceUsage().maxRSS * 1024)}`);
