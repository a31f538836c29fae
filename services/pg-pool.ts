import type pg from "pg";
import type { PostgresSettings } from "./database-url.ts";

// pg's settings for a PostgreSQL URL. Types only from pg: prisma.config.ts loads this too.

/** The pg settings of the URL: the pool and every connection of it. */
export function poolConfig(s: PostgresSettings): pg.PoolConfig {
  return {
    host: s.host,
    port: s.port,
    database: s.database,
    ...(s.user !== undefined ? { user: s.user } : {}),
    ...(s.password !== undefined ? { password: s.password } : {}),
    max: s.poolMax,
    connectionTimeoutMillis: s.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    statement_timeout: s.statementTimeoutMs,
    lock_timeout: s.lockTimeoutMs,
    application_name: s.applicationName,
    ssl: s.tls
      ? {
          rejectUnauthorized: s.tls.verify,
          // verify-ca: the chain, not the name
          ...(s.tls.verify && !s.tls.verifyHost ? { checkServerIdentity: () => undefined } : {}),
          ...(s.tls.ca ? { ca: s.tls.ca } : {}),
          ...(s.tls.cert ? { cert: s.tls.cert } : {}),
          ...(s.tls.key ? { key: s.tls.key } : {}),
        }
      : false,
    // JIT off: the bot's statements are short, and PostgreSQL's cost estimates over a region's
    // roadmaps passed jit_above_cost, so a 7 ms query spent 210 ms compiling (a curator's /overdue)
    options: ["-c jit=off", ...(s.schema ? [`-c search_path=${quoteIdent(s.schema).replace(/[\\ ]/g, "\\$&")}`] : [])].join(" "),
  };
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
