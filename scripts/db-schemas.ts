import fs from "node:fs";
import path from "node:path";
import { PRISMA_DIR } from "../services/migrations.ts";

// One source of models (prisma/models.prisma), one Prisma schema per provider: the models plus the
// provider's generator and datasource. The schemas are written by `npm run db:migration` together
// with the migrations that reach them, so each provider's schema.prisma always says what its
// migrations build (test/db-schemas.test.ts checks both).

export const PROVIDERS = ["sqlite", "postgresql"] as const;
export type Provider = (typeof PROVIDERS)[number];

export const MODELS_FILE = path.join(PRISMA_DIR, "models.prisma");

export function schemaFile(provider: Provider): string {
  return path.join(PRISMA_DIR, provider, "schema.prisma");
}

// The SQLite client keeps the default output (@prisma/client): its types are the project's `Db`.
// The PostgreSQL client is generated from the same models next to it (services/db-postgresql.ts).
const OUTPUT: Record<Provider, string | null> = { sqlite: null, postgresql: "../../generated/postgresql" };

export function renderSchema(provider: Provider, models: string): string {
  const output = OUTPUT[provider];
  return [
    `// GENERATED from prisma/models.prisma by \`npm run db:migration\`: edit the models there, never here.`,
    ``,
    `generator client {`,
    `  provider        = "prisma-client-js"`,
    ...(output ? [`  output          = "${output}"`] : []),
    `  engineType      = "client"`,
    `  previewFeatures = ["queryCompiler", "driverAdapters"]`,
    `}`,
    ``,
    `// the url keeps the CLI on the JS engine offline; the connection itself comes from prisma.config.ts`,
    `datasource db {`,
    `  provider = "${provider}"`,
    `  url      = env("DATABASE_URL")`,
    `}`,
    ``,
    models.trimEnd(),
    ``,
  ].join("\n");
}

export function readModels(): string {
  return fs.readFileSync(MODELS_FILE, "utf8");
}
