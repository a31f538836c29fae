import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import { createLogger, type Logger } from "./logger.ts";

// Every text a user sees lives in locales/<lang>/<feature>.ftl (Fluent: real Russian plurals).
export const LANGUAGES = ["ru", "en"] as const;
export type Lang = (typeof LANGUAGES)[number];
const DEFAULT_LANG: Lang = "ru";

const LOCALES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "locales");

type TArgs = Record<string, FluentVariable | null | undefined>;

export interface Translator {
  lang: Lang;
  t(id: string, args?: TArgs): string;
  has(id: string): boolean;
}

function loadBundle(lang: Lang): FluentBundle {
  // useIsolating off: Telegram shows the bidi marks as garbage.
  const bundle = new FluentBundle(lang, { useIsolating: false });
  const dir = path.join(LOCALES_DIR, lang);
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ftl")).sort()) {
    const errors = bundle.addResource(new FluentResource(fs.readFileSync(path.join(dir, file), "utf8")));
    if (errors.length > 0) throw new Error(`locales/${lang}/${file}: ${errors[0]!.message}`);
  }
  return bundle;
}

const bundles = new Map<Lang, FluentBundle>();
function bundleFor(lang: Lang): FluentBundle {
  let b = bundles.get(lang);
  if (!b) {
    b = loadBundle(lang);
    bundles.set(lang, b);
  }
  return b;
}

export function toLang(code: string | null | undefined): Lang {
  const c = (code ?? "").toLowerCase().slice(0, 2);
  return c === "en" ? "en" : DEFAULT_LANG;
}

function clean(args: TArgs | undefined): Record<string, FluentVariable> | undefined {
  if (!args) return undefined;
  const out: Record<string, FluentVariable> = {};
  for (const [k, v] of Object.entries(args)) out[k] = v ?? "";
  return out;
}

// A message that cannot be formatted as written (a variable not given, a reference to a missing
// message) still reads, with the gap marked, but it is a bug: it is logged, once per language and id.
let problemLog: Pick<Logger, "warn"> | null = null;
const reported = new Set<string>();

/** Where translation problems are logged (the bot passes its logger); until set, a logger on stderr. */
export function logTranslationProblemsTo(logger: Pick<Logger, "warn">): void {
  problemLog = logger;
}

function reportOnce(lang: Lang, id: string, problem: string, errors?: Error[]): void {
  const key = `${lang}\u0000${id}`;
  if (reported.has(key)) return;
  reported.add(key);
  // stderr, not stdout: the CLI's --json output owns stdout
  problemLog ??= createLogger(undefined, { destination: process.stderr });
  problemLog.warn({ lang, messageId: id, errors: errors?.map((e) => e.message) }, problem);
}

export function translator(lang: Lang): Translator {
  const bundle = bundleFor(lang);
  const fallback = lang === DEFAULT_LANG ? null : bundleFor(DEFAULT_LANG);
  return {
    lang,
    has: (id) => bundle.hasMessage(id),
    t(id, args) {
      const b = bundle.hasMessage(id) ? bundle : fallback?.hasMessage(id) ? fallback : null;
      const msg = b?.getMessage(id);
      if (!b || !msg?.value) {
        reportOnce(lang, id, "no such message: the id is shown instead");
        return id;
      }
      const errors: Error[] = [];
      const text = b.formatPattern(msg.value, clean(args), errors);
      if (errors.length > 0) reportOnce(lang, id, "message formatted with errors", errors);
      return text;
    },
  };
}

/** Every message id of a language: tests check ru and en have the same ones. */
export function messageIds(lang: Lang): string[] {
  const dir = path.join(LOCALES_DIR, lang);
  const ids: string[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ftl"))) {
    for (const m of fs.readFileSync(path.join(dir, file), "utf8").matchAll(/^([a-z][a-z0-9_-]*)\s*=/gim)) ids.push(m[1]!);
  }
  return ids.sort();
}
