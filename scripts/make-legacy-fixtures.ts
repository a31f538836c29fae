import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readTextExport } from "../core/import/text-export.ts";
import { fixturePath } from "../test/support/fixtures.ts";
import { toDocx } from "../test/support/office.ts";

// Regenerates test/data/legacy/*.doc and *.odt (and a .pdf of the prose order): each fixture rebuilt as
// .docx by the test builder (test/support/office.ts), then converted by LibreOffice — as an office saving
// in an old format, or printing to PDF, would.
// Needs LibreOffice (`apt-get install libreoffice-writer-nogui`); the tests read the committed files and
// do not. Usage: npx tsx scripts/make-legacy-fixtures.ts

const FIXTURES = ["skovorodino-2023-roadmap.txt", "bagan-2024-roadmap.txt", "bodaibo-2023-order.txt"];
const FORMATS = ["doc", "odt"];
// LibreOffice's own PDF of a prose order (its tables come out with columns too narrow for their words:
// the builder's .docx sets no widths, so the table fixtures are printed to PDF by test/support/pdf.ts)
const PDF_TOO = new Set(["bodaibo-2023-order.txt"]);
const out = path.resolve(import.meta.dirname, "../test/data/legacy");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "vekha-legacy-"));
try {
  fs.mkdirSync(out, { recursive: true });
  for (const name of FIXTURES) {
    const text = readTextExport(name, fs.readFileSync(fixturePath(name), "utf8"));
    const docx = path.join(work, name.replace(/\.txt$/, ".docx"));
    fs.writeFileSync(docx, await toDocx(text));
    for (const format of PDF_TOO.has(name) ? [...FORMATS, "pdf"] : FORMATS) {
      execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${work}/profile`, "--convert-to", format, "--outdir", out, docx], { stdio: "inherit" });
    }
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
