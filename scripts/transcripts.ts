import fs from "node:fs";
import path from "node:path";
import setup from "../test/support/global-setup.ts";
import { generateTranscripts } from "./transcripts/index.ts";

// `npm run transcripts`: regenerates docs/transcripts/*.md, what each kind of user sees, from the
// stories in scripts/transcripts/scenes.ts (the bot in this process against the Bot API emulator,
// a fixed clock). Running it twice gives the same files; test/transcripts.test.ts checks that the
// committed ones are current.
//   npm run transcripts [-- --out DIR]

const args = process.argv.slice(2);
const oi = args.indexOf("--out");
const out = oi >= 0 ? path.resolve(args[oi + 1]!) : path.resolve(import.meta.dirname, "../docs/transcripts");
const teardown = await setup();
try {
  const started = Date.now();
  const files = await generateTranscripts();
  fs.mkdirSync(out, { recursive: true });
  for (const f of files) fs.writeFileSync(path.join(out, `${f.name}.md`), f.text);
  console.log(`${files.length} transcripts in ${path.relative(process.cwd(), out) || "."} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
} finally {
  await teardown();
}
