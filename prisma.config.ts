import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseProvider, postgresSettings, resolveDatabaseUrl } from "./services/database-url.ts";
import { poolConfig } from "./services/pg-pool.ts";

// The JS engine and the driver adapters keep the CLI offline (no native engine download). The
// provider follows DATABASE_URL: a file: URL works on prisma/sqlite, a postgresql:// URL on
// prisma/postgresql. Веха applies migrations itself (services/db.ts); this is for `prisma studio`,
// `prisma migrate status` / `deploy` and `npm run db:migration`.
const url = resolveDatabaseUrl(process.env.DATABASE_URL);
process.env.DATABASE_URL = url;
const provider = databaseProvider(url);
if (provider === "sqlite") fs.mkdirSync(path.dirname(url.slice(5)), { recursive: true });

// Prisma's schema engine reads PostgreSQL's catalogue through the adapter and cannot decode its
// `name` and `"char"` columns (prisma/orm#27403): they reach it as text instead.
const CATALOGUE_TYPES = new Set([18, 19]);
const TEXT = 25;
function asText<R>(result: R): R {
  for (const f of (result as { fields?: Array<{ dataTypeID: number }> })?.fields ?? []) if (CATALOGUE_TYPES.has(f.dataTypeID)) f.dataTypeID = TEXT;
  return result;
}
function readable<C extends { query: (...a: never[]) => unknown }>(client: C): C {
  const query = client.query.bind(client) as (...a: unknown[]) => unknown;
  (client as { query: unknown }).query = (...a: unknown[]) => {
    const r = query(...a);
    return r instanceof Promise ? r.then(asText) : r;
  };
  return client;
}
class CataloguePool extends pg.Pool {
  constructor(config: pg.PoolConfig) {
    super(config);
    readable(this);
    const connect = this.connect.bind(this) as (...a: unknown[]) => unknown;
    (this as { connect: unknown }).connect = (...a: unknown[]) =>
      typeof a[0] === "function" ? connect(...a) : (connect() as Promise<pg.PoolClient>).then(readable);
  }
}

function pgAdapter(): PrismaPg {
  const s = postgresSettings(url);
  // the CLI's own statements (introspection, a migration) run without Веха's time-outs; idle connections
  // must not keep the CLI from exiting (it never ends the pool)
  return new PrismaPg(new CataloguePool({ ...poolConfig(s), statement_timeout: 0, lock_timeout: 0, allowExitOnIdle: true }), s.schema ? { schema: s.schema } : undefined);
}

export default defineConfig({
  schema: path.join("prisma", provider, "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => (provider === "sqlite" ? new PrismaBetterSQLite3({ url }) : pgAdapter()),
});
