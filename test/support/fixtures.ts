import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// The five real orders live in shared/ beside the repository (CI clones main next to it).
// VEKHA_FIXTURES points elsewhere when the checkout is not beside shared/.
const besideRepo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared/fixtures/roadmaps");

export const FIXTURES_DIR = process.env.VEKHA_FIXTURES ?? (fs.existsSync(besideRepo) ? besideRepo : "/work/shared/fixtures/roadmaps");

export function fixturePath(name: string): string {
  return path.join(FIXTURES_DIR, name);
}
