import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../services/config.ts";
import { describeDatabase, postgresSettings, redactDatabaseUrl, withDatabase, POSTGRES_DEFAULTS } from "../services/database-url.ts";
import { poolConfig } from "../services/pg-pool.ts";
import { isBusyError } from "../services/sqlite-errors.ts";

// DATABASE_URL: a file: path or a postgresql:// URL whose parameters size the pool, bound
// statements and lock waits, and choose TLS; its password never appears in a log line.

describe("DATABASE_URL for PostgreSQL", () => {
  it("is accepted as postgresql:// and postgres://, with the defaults", () => {
    for (const url of ["postgresql://vekha:secret@db.example.org:5433/vekha", "postgres://vekha:secret@db.example.org:5433/vekha"]) {
      const cfg = loadConfig({ DATABASE_URL: url });
      expect(cfg.DATABASE_URL).toBe(url);
      const s = postgresSettings(url);
      expect(s).toMatchObject({ host: "db.example.org", port: 5433, user: "vekha", password: "secret", database: "vekha", tls: null, ...POSTGRES_DEFAULTS });
    }
    // evidence files: DATA_DIR, else ./data (there is no database file to put them next to)
    expect(loadConfig({ DATABASE_URL: "postgresql://h/vekha" }).dataDir).toMatch(/\/data$/);
    expect(loadConfig({ DATABASE_URL: "postgresql://h/vekha", DATA_DIR: "/srv/vekha" }).dataDir).toBe("/srv/vekha");
  });

  it("takes the pool size, the time-outs and the schema from its parameters", () => {
    const s = postgresSettings("postgresql://u@h/db?connection_limit=25&statement_timeout=5000&lock_timeout=0&connect_timeout=3&schema=vekha&application_name=vekha-2");
    expect(s).toMatchObject({ poolMax: 25, statementTimeoutMs: 5000, lockTimeoutMs: 0, connectTimeoutMs: 3000, schema: "vekha", applicationName: "vekha-2" });
    expect(postgresSettings("postgresql://u@h/db?pool_max=4").poolMax).toBe(4);
    const pool = poolConfig(s);
    expect(pool).toMatchObject({ max: 25, statement_timeout: 5000, lock_timeout: 0, connectionTimeoutMillis: 3000, application_name: "vekha-2", ssl: false });
    // JIT off on every connection: short statements whose cost estimate passes jit_above_cost
    // spent most of their time compiling
    expect(pool.options).toBe('-c jit=off -c search_path="vekha"');
    expect(poolConfig(postgresSettings("postgresql://u@h/db")).options).toBe("-c jit=off");
  });

  it("chooses TLS by sslmode as libpq does", () => {
    expect(postgresSettings("postgresql://h/db?sslmode=disable").tls).toBeNull();
    expect(postgresSettings("postgresql://h/db?sslmode=prefer").tls).toBeNull();
    expect(postgresSettings("postgresql://h/db?sslmode=require").tls).toEqual({ verify: false, verifyHost: false });
    expect(postgresSettings("postgresql://h/db?sslmode=verify-ca").tls).toEqual({ verify: true, verifyHost: false });
    expect(postgresSettings("postgresql://h/db?sslmode=verify-full").tls).toEqual({ verify: true, verifyHost: true });
    expect(poolConfig(postgresSettings("postgresql://h/db?sslmode=require")).ssl).toEqual({ rejectUnauthorized: false });
    const verifyCa = poolConfig(postgresSettings("postgresql://h/db?sslmode=verify-ca")).ssl as { rejectUnauthorized: boolean; checkServerIdentity?: unknown };
    expect(verifyCa.rejectUnauthorized).toBe(true);
    expect(typeof verifyCa.checkServerIdentity).toBe("function");
    expect(poolConfig(postgresSettings("postgresql://h/db?sslmode=verify-full")).ssl).toEqual({ rejectUnauthorized: true });
  });

  it("refuses what it does not understand, in one line naming the variable and never the password", () => {
    const cases: Array<[string, RegExp]> = [
      ["postgresql://u:hunter2@h/db?conection_limit=5", /^DATABASE_URL: unknown parameter "conection_limit" in the URL \(known: connection_limit, /],
      ["postgresql://u:hunter2@h/db?connection_limit=0", /^DATABASE_URL: connection_limit=0 in the URL: expected a whole number from 1 to 1000$/],
      ["postgresql://u:hunter2@h/db?statement_timeout=5s", /^DATABASE_URL: statement_timeout=5s in the URL: expected a whole number/],
      ["postgresql://u:hunter2@h/db?sslmode=on", /^DATABASE_URL: sslmode=on in the URL: expected one of disable, allow, prefer, require, verify-ca, verify-full$/],
      ["postgresql://u:hunter2@h/db?sslmode=verify-full&sslrootcert=/nonexistent/root.crt", /^DATABASE_URL: sslrootcert=\/nonexistent\/root.crt in the URL cannot be read/],
      ["postgresql://u:hunter2@h", /^DATABASE_URL: the URL names no database/],
      ["postgresql:///db", /^DATABASE_URL: the URL names no host/],
      ["postgresql://u:hunter2@h:port/db", /^DATABASE_URL: not a valid URL/],
    ];
    for (const [url, message] of cases) {
      let error: unknown;
      try {
        loadConfig({ DATABASE_URL: url });
      } catch (e) {
        error = e;
      }
      expect(error, url).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain("hunter2");
      expect((error as Error).message).not.toContain("\n");
    }
  });

  it("is logged without its password", () => {
    const url = "postgresql://vekha:p%40ss%3Aw0rd@db.example.org:5432/vekha?sslmode=require";
    expect(postgresSettings(url).password).toBe("p@ss:w0rd");
    expect(redactDatabaseUrl(url)).toBe("postgresql://vekha:***@db.example.org:5432/vekha?sslmode=require");
    expect(describeDatabase(url)).toBe("postgresql db.example.org:5432/vekha");
    expect(describeDatabase("file:/srv/vekha/vekha.db")).toBe("/srv/vekha/vekha.db");
    expect(withDatabase("postgresql://u:p@h:5432/postgres?sslmode=require", "vekha_t1")).toBe("postgresql://u:p@h:5432/vekha_t1?sslmode=require");
  });
});

describe("a busy PostgreSQL", () => {
  it("counts lock time-outs, serialization failures and deadlocks as busy (the «база занята» path), nothing else", () => {
    // the shapes Prisma's pg adapter gives them
    const fromAdapter = (code: string) => ({ name: "DriverAdapterError", cause: { originalCode: code, kind: "postgres", code } });
    expect(isBusyError(fromAdapter("55P03"))).toBe(true);
    expect(isBusyError(fromAdapter("40001"))).toBe(true);
    expect(isBusyError(fromAdapter("40P01"))).toBe(true);
    expect(isBusyError({ code: "P2034" })).toBe(true);
    expect(isBusyError(fromAdapter("57014"))).toBe(false); // a statement time-out: not a lock
    expect(isBusyError(fromAdapter("23505"))).toBe(false);
  });
});
