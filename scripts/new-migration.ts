import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateSqlite } from "../services/db.ts";
import { migrationsDir, readMigrations } from "../services/migrations.ts";
import { PROVIDERS, readModels, renderSchema, schemaFile, type Provider } from "./db-schemas.ts";

// `npm run db:migration -- <name>`: after an edit of prisma/models.prisma, writes each provider's
// schema.prisma and, where the tables change, prisma/<provider>/migrations/<timestamp>_<name>/
// migration.sql. Offline: `prisma migrate diff` between two datamodels needs no database.
//   SQLite: from what its committed migrations build (a scratch file migrated here, read back
//     with `prisma db pull`), so a SQLite migration brought in from elsewhere is not written twice.
//   PostgreSQL: from prisma/postgresql/schema.prisma as committed, which always says what its
//     migrations build (this command writes both together; test/db-schemas.test.ts checks it).

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name>   (lower-case letters, digits and _)");
  process.exit(2);
}
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vekha-migration-"));
// The CLI connects its adapter (prisma.config.ts) even to diff two datamodels; the scratch SQLite
// file serves for both providers: the SQL is rendered for the datamodels' provider.
const SCRATCH = `file:${path.join(tmp, "current.db")}`;

function prisma(args: string[]): { out: string; code: number } {
  try {
    const out = execFileSync("npx", ["prisma", ...args], { cwd: root, env: { ...process.env, DATABASE_URL: SCRATCH }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return { out, code: 0 };
  } catch (err) {
    const e = err as { status?: number; stdout?: string; stderr?: string };
    if (e.status === 2 && e.stdout !== undefined) return { out: e.stdout, code: 2 };
    process.stderr.write(e.stderr ?? String(err));
    throw new Error(`prisma ${args[0]} ${args[1] ?? ""} failed`, { cause: err });
  }
}

/** The datamodel the committed migrations of a provider build. */
function currentDatamodel(provider: Provider, committedSchema: string | null): string | null {
  if (provider === "postgresql") return committedSchema;
  if (readMigrations("sqlite").length === 0) return null;
  migrateSqlite(SCRATCH);
  const pulled = prisma(["db", "pull", "--print"]).out;
  // the CLI prints a warning about the datasource url before the schema
  return pulled.slice(pulled.search(/^(generator|datasource|model)\b/m));
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const models = readModels();
let wrote = 0;
try {
  for (const provider of PROVIDERS) {
    const file = schemaFile(provider);
    const committed = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
    const next = renderSchema(provider, models);
    const to = path.join(tmp, `${provider}-to.prisma`);
    fs.writeFileSync(to, next);
    const from = currentDatamodel(provider, committed);
    const fromArgs = from === null ? ["--from-empty"] : ["--from-schema-datamodel", path.join(tmp, `${provider}-from.prisma`)];
    if (from !== null) fs.writeFileSync(path.join(tmp, `${provider}-from.prisma`), from);
    const diff = prisma(["migrate", "diff", ...fromArgs, "--to-schema-datamodel", to, "--script", "--exit-code"]);
    if (diff.code === 2) {
      const dir = path.join(migrationsDir(provider), `${stamp}_${name}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "migration.sql"), diff.out);
      const lock = path.join(migrationsDir(provider), "migration_lock.toml");
      if (!fs.existsSync(lock)) fs.writeFileSync(lock, `provider = "${provider}"\n`);
      console.log(`${provider}: wrote ${path.relative(root, dir)}/migration.sql`);
      wrote++;
    } else {
      console.log(`${provider}: no change to the tables`);
    }
    // the schema last: it says what the migrations build
    if (committed !== next) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, next);
      console.log(`${provider}: ${path.relative(root, file)} rewritten`);
    }
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
if (wrote > 0) console.log("Rename the folders if your task gives a timestamp prefix; then `npm run db:generate` (or npm install) regenerates the clients.");
