import { execFileSync } from "node:child_process";
import path from "node:path";
import { PROVIDERS, schemaFile } from "./db-schemas.ts";

// `npm run db:generate` (and postinstall): one Prisma client per provider, from its schema.prisma.
// The CLI checks DATABASE_URL against the schema's provider, so each gets a URL of its kind.
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const URL_OF = { sqlite: "file:./data/vekha.db", postgresql: "postgresql://localhost/unused" } as const;

for (const provider of PROVIDERS) {
  execFileSync("npx", ["prisma", "generate", "--no-hints", "--schema", path.relative(root, schemaFile(provider))], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: URL_OF[provider] },
    stdio: "inherit",
  });
}
