import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { PROVIDERS, readModels, renderSchema, schemaFile } from "../scripts/db-schemas.ts";
import { migrationsDir, readMigrations } from "../services/migrations.ts";
import { createTestDb, testProvider } from "./support/db.ts";
import { readSchema } from "./support/prisma-schema.ts";

// One source of models (prisma/models.prisma), a schema and migrations per provider
// (prisma/<provider>/): the schemas say the same, the migrations build what the schemas say, the
// two generated clients differ only where PostgreSQL accepts more, and Prisma itself agrees with
// what Веха's migration runner recorded.

const ROOT = path.resolve(import.meta.dirname, "..");
const run = promisify(execFile);

async function prisma(args: string[], url: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return run("npx", ["prisma", ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, maxBuffer: 16 * 1024 * 1024 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe("one source of models", () => {
  it("each provider's schema.prisma is prisma/models.prisma under its own header (npm run db:migration writes them)", () => {
    const models = readModels();
    for (const provider of PROVIDERS) {
      const committed = fs.readFileSync(schemaFile(provider), "utf8");
      expect(committed, `prisma/${provider}/schema.prisma differs from prisma/models.prisma: run npm run db:migration -- <name>`).toBe(renderSchema(provider, models));
    }
  });

  it("both schemas describe the same models: fields, relations, defaults, unique keys and indexes", () => {
    const sqlite = readSchema(fs.readFileSync(schemaFile("sqlite"), "utf8"));
    const postgresql = readSchema(fs.readFileSync(schemaFile("postgresql"), "utf8"));
    expect(sqlite.provider).toBe("sqlite");
    expect(postgresql.provider).toBe("postgresql");
    expect(Object.keys(sqlite.models).length).toBeGreaterThan(20);
    expect(sqlite.models.Assignment!.fields.item).toBe("Item @relation(fields:[itemId],references:[id],onDelete:Cascade)");
    expect(sqlite.models.Assignment!.blocks).toContain("@@index([personId,status])");
    expect(postgresql.models).toEqual(sqlite.models);
    expect(postgresql.enums).toEqual(sqlite.enums);
  });

  it("the existing SQLite migrations were moved, not rewritten: an old database finds them by name and checksum", () => {
    // the checksums every SQLite database migrated before the move holds in _prisma_migrations
    const before: Record<string, string> = {
      "20261123000000_init": "117aa309bc910e3cb8571830d0a09f1af4bd910d4f4ea36c9fb04814013c074c",
      "20261129100000_item_changes": "30b5cdb806a7d77bcd4d5c4e7c3b0ad2917ea3cf0e070956b75b511ce739a69d",
      "20261129110000_pending_import_states": "4a14a39b741eceadb755ff97d0fedced7de4588c8bae6b28b49f5307bcdea568",
      "20261129110001_curatorship_from_document": "0aee8ad66dfea3b1ebbac15fcaf6dc84dca2a1e230c85732b603fab93714632e",
    };
    const now = Object.fromEntries(readMigrations("sqlite").map((m) => [m.name, m.checksum]));
    expect(now).toMatchObject(before);
    for (const provider of PROVIDERS) {
      expect(fs.readFileSync(path.join(migrationsDir(provider), "migration_lock.toml"), "utf8")).toContain(`provider = "${provider}"`);
    }
    expect(readMigrations("postgresql")[0]!.name).toBe("20261129170000_init");
  });

  it("the two generated clients differ only by PostgreSQL's wider inputs: one Db type serves both", () => {
    const lines = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8").split("\n");
    const sqlite = lines("node_modules/.prisma/client/index.d.ts");
    const postgresql = lines("generated/postgresql/index.d.ts");
    // multiset difference both ways
    const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
    const minus = (a: string[], b: string[]) => {
      const left = count(b);
      return a.filter((x) => {
        const n = left.get(x) ?? 0;
        if (n > 0) {
          left.set(x, n - 1);
          return false;
        }
        return true;
      });
    };
    const runtime = /^import \* as runtime from '.*runtime\/client\.js';$/;
    const onlySqlite = minus(sqlite, postgresql).filter((l) => !runtime.test(l));
    const onlyPostgres = minus(postgresql, sqlite).filter((l) => !runtime.test(l));
    // what SQLite's client has that PostgreSQL's has not: only `in` / `notIn` lists, which
    // PostgreSQL's takes wider (a list field reference as well)
    const widened = new Set(onlyPostgres.map((l) => l.replace(/ \| List\w+FieldRefInput<\$PrismaModel>/, "")));
    for (const l of onlySqlite) {
      expect(l).toMatch(/^\s+(in|notIn)\?: /);
      expect(widened.has(l), `no wider PostgreSQL counterpart of «${l.trim()}»`).toBe(true);
    }
    // what PostgreSQL's has on top: optional inputs and the types they name; never a result field
    const extra = [
      /^\s+skipDuplicates\?: boolean$/,
      /^\s+mode\?: QueryMode$/,
      /^\s+(in|notIn)\?: .*List\w+FieldRefInput<\$PrismaModel>/,
      /^\s+export (const|type) QueryMode\b/,
      /^\s+(default|insensitive): '(default|insensitive)',?$/,
      /^\s+(ReadUncommitted|ReadCommitted|RepeatableRead): '\1',$/,
      /^\s+export type List\w+FieldRefInput<\$PrismaModel> = FieldRefInputType<\$PrismaModel, '\w+\[\]'>$/,
      /^\s+\* Reference to a field of type '\w+\[\]'$/,
      /^\s+\/\*\*$|^\s+\*\/$|^\s+};$|^\s*$/,
    ];
    const unexplained = onlyPostgres.filter((l) => !extra.some((re) => re.test(l)));
    expect(unexplained).toEqual([]);
    expect(onlyPostgres.filter((l) => /skipDuplicates/.test(l)).length).toBeGreaterThan(0);
  });
});

describe(`the migrations on ${testProvider}`, () => {
  it("build exactly what the schema says, and Prisma's own `migrate status` agrees with the runner's records", { timeout: 90_000 }, async () => {
    const t = await createTestDb();
    try {
      const pulled = await prisma(["db", "pull", "--print"], t.url);
      expect(pulled.code, pulled.stderr).toBe(0);
      const from = path.join(t.dir, "from-database.prisma");
      fs.writeFileSync(from, pulled.stdout.slice(pulled.stdout.search(/^(generator|datasource)\b/m)));
      const diff = await prisma(["migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", schemaFile(testProvider), "--script", "--exit-code"], t.url);
      expect(diff.stdout.trim(), "the migrations do not build the schema: run npm run db:migration -- <name>").toBe("-- This is an empty migration.");
      expect(diff.code).toBe(0);

      const status = await prisma(["migrate", "status"], t.url);
      expect(status.stdout + status.stderr).toMatch(/Database schema is up to date!/);
      expect(status.code).toBe(0);
    } finally {
      await t.close();
    }
  });
});
