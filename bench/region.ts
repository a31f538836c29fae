import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DateTime } from "luxon";
import { benchDatabaseUrl, copyForRun, prepareRegion, providerOf, releaseRegion, type PreparedRegion } from "./region/database.ts";
import type { Task, TickLogEntry } from "./region/measure.ts";
import { regionParams, ZONES } from "./region/seed.ts";

// The region of issue 12 — 1,000 schools in 60 districts and 11 time zones, 61 roadmaps, 10,000
// people, 100,000 assignments over a year — measured against the issue's targets: a peak tick
// (Monday 09:00 in several zones; steady and cold), a cold Monday delivered through the real
// delivery queue against the Bot API emulator on a simulated clock, the chat commands of real
// users through the real bot, the region-wide /roadmap and an export of 100,000 rows.
// «Steady»: every reminder whose send time came before the tick was delivered on time (claims
// marked sent, as tick.ts leaves them); «a day down»: nothing of the Monday was sent; «cold»:
// nothing was ever sent (a first start, or downtime beyond the planner's catch-up days).
// Where the product fails at this size the failure is the figure, and the next measurement runs.
//
//   npm run bench -- region                   the full region (opt-in: minutes; seeded once, cached)
//   REGION_SCALE=0.1 npm run bench -- region  a tenth of it (also: REGION_SCALE=0.1 npx tsx bench/region.ts)
//   BENCH_DATABASE_URL=…                      another database: file:… (SQLite) or postgresql://…/<db> (see region/database.ts)
//   REGION_CACHE_DIR=…                        where seeded files are kept (default: the temp dir)
//   REGION_ONLY=ticks,delivery,commands,export  only those parts; REGION_COMMANDS=<regexp> only those commands;
//   REGION_TICK_ZONES=Europe/Kaliningrad     only those zones' peak ticks; REGION_TICK_MODES=cold,steady,day only those
//   REGION_DELIVERY=cold,queue,steady         only those delivery runs (the cold one always runs)
//   REGION_REPLIES=<dir>                      each command's replies of one run as files (texts, charts), to compare versions
//
// Each measurement runs in a child process (bench/region/measure.ts) on its own copy of the
// seeded file: its peak RSS is its own, and a crash ends only it.

/** bench/run.ts runs this bench only when it is named or this variable is set. */
export const optIn = "REGION_SCALE";

const here = path.dirname(fileURLToPath(import.meta.url));
const MEASURE = path.join(here, "region", "measure.ts");

interface Row {
  what: string;
  figure: string;
  target: string;
  verdict: "ok" | "MISSED" | "FAILED" | "";
}

const rows: Row[] = [];
const row = (what: string, figure: string, target = "", verdict: Row["verdict"] = "") => {
  rows.push({ what, figure, target, verdict });
  console.log(`  ${what}: ${figure}${verdict ? `  [${verdict}]` : ""}`);
};

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const secs = (ms: number | null | undefined) => (ms === null || ms === undefined ? "—" : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);
const mb = (n: number | null | undefined) => (n === null || n === undefined ? "—" : n >= 1024 ? `${(n / 1024).toFixed(2)} GB` : `${Math.round(n)} MB`);
const mins = (n: number | null | undefined) => (n === null || n === undefined || Number.isNaN(n) ? "—" : `${n.toFixed(1)} min`);
const verdictOf = (ok: boolean): Row["verdict"] => (ok ? "ok" : "MISSED");
const too429 = (r: { rejected429: number; rejectedOverall: number; rejectedPerChat: number }) =>
  r.rejected429 === 0 ? "no 429 from the emulator" : `${int(r.rejected429)} × 429 from the emulator (${int(r.rejectedOverall)} over 30/s, ${int(r.rejectedPerChat)} over a chat's 1/s)`;

let taskNo = 0;

/** What a measuring process gave back: its result, or why it gave none (a crash, a time-out, a failure it reported). */
type Outcome<T> = { value: T } | { crashed: string };

/** Runs one measurement in a child process. */
async function measure<T>(region: PreparedRegion, task: Task, timeoutMs = 30 * 60_000): Promise<Outcome<T>> {
  const file = path.join(region.workDir, `task-${++taskNo}.json`);
  fs.writeFileSync(file, JSON.stringify(task));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, MEASURE, file], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => {
      err = (err + d.toString()).slice(-4000);
      // REGION_SQL's statements are the measuring process's stderr: passed through, not only kept for a crash
      if (process.env.REGION_SQL) process.stderr.write(d);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const line = out.split("\n").find((l) => l.startsWith("@@RESULT "));
      if (line) {
        const value = JSON.parse(line.slice("@@RESULT ".length)) as T & { failure?: string };
        return resolve(value.failure ? { crashed: value.failure } : { value });
      }
      const last = err.trim().split("\n").filter(Boolean).at(-1) ?? "";
      resolve({ crashed: `the measuring process ended (${signal ?? `exit ${code}`})${signal === "SIGKILL" ? " — time-out or out of memory" : ""}: ${last.slice(0, 160)}` });
    });
  });
}


/** 09:00 on the Monday in a zone, as an instant. */
const nineAm = (monday: string, zone: string) => DateTime.fromISO(`${monday}T09:00`, { zone }).toUTC().toISO()!;
const offsetOf = (zone: string) => DateTime.fromISO("2025-06-30T09:00", { zone }).toFormat("'UTC'Z");

interface TickOut {
  error: string | null;
  planMs: number | null;
  claimMs: number | null;
  tickMs: number;
  result: { planned: number; claimed: number; sent: number; failed: number } | null;
  claims: number;
  messages: number;
  baselineMb: number;
  /** the peak through planning and claiming, before the first message is built (null: the tick never got there) */
  claimPeakMb: number | null;
  peakMb: number;
}

async function peakTicks(region: PreparedRegion, zones: string[]): Promise<void> {
  const monday = region.world.params.monday;
  // the first zone to reach 09:00, one in the middle, Moscow, and the last (every zone awake)
  const all = [...new Set([zones.at(-1)!, zones[Math.floor(zones.length / 2)]!, zones.includes("Europe/Moscow") ? "Europe/Moscow" : zones[1]!, zones[0]!])];
  // REGION_TICK_ZONES=Europe/Kaliningrad,… measures only those (Kaliningrad, the last to reach 09:00, is the peak)
  const only = process.env.REGION_TICK_ZONES?.split(",").map((z) => z.trim());
  const picked = only ? all.filter((z) => only.includes(z)) : all;
  const firstNineAm = nineAm(monday, zones.at(-1)!);
  const describe = { steady: "steady (earlier days and zones delivered)", day: "a day down (nothing sent since Friday)", cold: "cold (nothing ever delivered)" };
  for (const zone of picked) {
    // «a day down» differs from steady only once several zones have passed 09:00: measured at the last zone
    const modes = zone === zones[0] && zones.length > 1 ? (["steady", "day", "cold"] as const) : (["steady", "cold"] as const);
    // REGION_TICK_MODES=cold,… measures only those
    const onlyModes = process.env.REGION_TICK_MODES?.split(",").map((m) => m.trim());
    for (const mode of modes.filter((m) => !onlyModes || onlyModes.includes(m))) {
      const at = nineAm(monday, zone);
      const copy = await copyForRun(region, `tick-${mode}`);
      try {
        const label = `peak tick, Monday 09:00 ${offsetOf(zone)} (${zone.split("/")[1]}), ${describe[mode]}`;
        if (mode !== "cold") {
          const sentBefore = mode === "steady" ? at : firstNineAm;
          const prep = await measure<{ markedSent: number }>(region, { kind: "prepare", url: copy.url, plannedAt: at, sentBefore });
          if ("crashed" in prep) {
            row(label, `could not build the steady state: ${prep.crashed}`, "", "FAILED");
            continue;
          }
        }
        const out = await measure<TickOut>(region, { kind: "tick", url: copy.url, at });
        const target = "plan and claim < 2 s, < 300 MB";
        if ("crashed" in out) {
          row(label, out.crashed, target, "FAILED");
          continue;
        }
        const r = out.value;
        const memory = `peak RSS ${r.claimPeakMb !== null ? `${mb(r.claimPeakMb)} through plan and claim, ` : ""}${mb(r.peakMb)} for the whole tick with its messages and digests (${mb(r.baselineMb)} before)`;
        if (r.error) {
          row(label, `FAILED after ${secs(r.tickMs)}${r.planMs !== null ? ` (plan ${secs(r.planMs)}, ${int(r.claims)} claimed)` : " in plan"}: ${r.error}; ${memory}`, target, "FAILED");
        } else {
          const t = r.result!;
          // the target is planning and claiming's: building and sending the messages comes after
          const ok = (r.planMs ?? 0) + (r.claimMs ?? 0) < 2000 && (r.claimPeakMb ?? r.peakMb) < 300;
          row(label, `plan ${secs(r.planMs)}, claim ${secs(r.claimMs)} (${int(t.claimed)} claimed of ${int(t.planned)} planned, ${int(r.messages)} messages); tick ${secs(r.tickMs)}; ${memory}`, target, verdictOf(ok));
        }
      } finally {
        await copy.remove();
      }
    }
  }
}

interface DeliverOut {
  ticks: number;
  failedTicks: number;
  firstError: string | null;
  stopped: string | null;
  messages: number;
  recipients: number;
  perPerson: { mean: number; p95: number; max: number; overOne: number };
  /** the same without the digests' messages */
  withoutDigests?: { messages: number; recipients: number; perPerson: { mean: number; p95: number; max: number; overOne: number } };
  minutes: number;
  rejected429: number;
  rejectedOverall: number;
  rejectedPerChat: number;
  lateness: { p50: number; p95: number; max: number | null };
  digests: { count: number; claimed: number; p50: number; p95: number; max: number | null; overTen: number };
  realSeconds: number;
  peakMb: number;
  tickLog?: TickLogEntry[];
  perMinute?: number[];
}

/** How a delivery run's simulated time is made up: each tick, and the messages of each simulated minute. */
function timeline(r: DeliverOut): void {
  const s = (x: number | null) => (x === null || Number.isNaN(x) ? "–" : x.toFixed(1));
  for (const [i, t] of (r.tickLog ?? []).entries())
    console.log(
      `    tick ${i + 1}: starts ${s(t.start)} s, planned ${s(t.planned)}, first send ${s(t.firstSend)}, last ${s(t.lastSend)}, ends ${s(t.end)} (${s(t.workedSeconds)} s of it worked through); ${t.claimed} claimed, ${t.sent} sent, ${t.left} left`,
    );
  if (r.perMinute) console.log(`    messages per simulated minute: ${r.perMinute.join(" ")}`);
}

/** REGION_DELIVERY=cold,queue,steady: only those delivery runs (cold always runs) */
const deliveryPart = (p: string) => !process.env.REGION_DELIVERY || process.env.REGION_DELIVERY.split(",").includes(p);

async function deliveries(region: PreparedRegion, zones: string[]): Promise<void> {
  const monday = region.world.params.monday;
  const instants = zones.map((z) => nineAm(monday, z));
  const west = nineAm(monday, zones[0]!);
  const east = nineAm(monday, zones.at(-1)!);

  // cold: the bot starts at 09:00 in the last zone (every zone awake) with nothing ever delivered
  const copy = await copyForRun(region, "deliver-cold");
  try {
    const out = await measure<DeliverOut>(region, { kind: "deliver", url: copy.url, start: west, nineAm: instants, monday, mode: "cold" });
    const label = `cold Monday through tick + delivery queue + emulator (from 09:00 ${offsetOf(zones[0]!)}, every zone awake)`;
    const target = "< 6 min, one message per person";
    const r = "value" in out ? out.value : null;
    if (!r) row(label, (out as { crashed: string }).crashed, target, "FAILED");
    else if (r.messages === 0 && r.firstError) row(label, `FAILED: every tick failed (${r.failedTicks} of ${r.ticks}): ${r.firstError}`, target, "FAILED");
    else {
      const ok = !r.stopped && r.failedTicks === 0 && r.minutes < 6 && r.perPerson.max <= 1;
      row(
        label,
        `${int(r.messages)} messages to ${int(r.recipients)} people (${r.perPerson.mean.toFixed(1)} per person, p95 ${r.perPerson.p95}, max ${r.perPerson.max}; ${int(r.perPerson.overOne)} got more than one; without digests ${int(r.withoutDigests?.messages ?? 0)} to ${int(r.withoutDigests?.recipients ?? 0)}: ${(r.withoutDigests?.perPerson.mean ?? 0).toFixed(2)} per person, p95 ${r.withoutDigests?.perPerson.p95 ?? "?"}, max ${r.withoutDigests?.perPerson.max ?? "?"}) delivered in ${mins(r.minutes)} simulated over ${r.ticks} ticks; ${too429(r)}; digests ${int(r.digests.count)}${r.digests.claimed > r.digests.count ? ` of ${int(r.digests.claimed)}` : ""}, ${mins(r.digests.p50)} p50 / ${mins(r.digests.max)} max after the start${r.failedTicks ? `; ${r.failedTicks} ticks failed: ${r.firstError}` : ""}${r.stopped ? `; ${r.stopped}` : ""}; ${Math.round(r.realSeconds)} s real, peak RSS ${mb(r.peakMb)}`,
        target,
        verdictOf(ok),
      );
      timeline(r);
    }
  } finally {
    await copy.remove();
  }
  // the same Monday's messages through the queue alone: what delivery costs whatever the tick does
  if (deliveryPart("queue")) await queueAlone(region, west, monday);
  if (!deliveryPart("steady")) return;
  await steadyMonday(region, west, east, instants, monday);
}

async function queueAlone(region: PreparedRegion, west: string, monday: string): Promise<void> {
  const copy = await copyForRun(region, "queue-alone");
  try {
    const out = await measure<DeliverOut & { planned: number; digests: number }>(region, { kind: "queue", url: copy.url, at: west, monday });
    const label = "cold Monday, the queue alone (planned a few roadmaps at a time, one message per tick group)";
    const r = "value" in out ? out.value : null;
    if (!r) row(label, (out as { crashed: string }).crashed, "< 6 min", "FAILED");
    else
      row(
        label,
        `${int(r.messages)} messages (${int(r.digests)} digests) to ${int(r.recipients)} people, ${r.perPerson.mean.toFixed(1)} per person (p95 ${r.perPerson.p95}, max ${r.perPerson.max}): ${mins(r.minutes)} simulated; ${too429(r)}; ${Math.round(r.realSeconds)} s real, peak RSS ${mb(r.peakMb)}`,
        "< 6 min",
        verdictOf(r.minutes < 6),
      );
  } finally {
    await copy.remove();
  }

}

async function steadyMonday(region: PreparedRegion, west: string, east: string, instants: string[], monday: string): Promise<void> {
  // steady: the bot ran all along; Monday morning zone after zone, digests against each zone's 09:00
  const copy = await copyForRun(region, "deliver-steady");
  try {
    const label = "Monday morning, steady (each zone's 09:00 in turn): digests' lateness vs 09:00 local";
    const target = "every digest within 10 min of 09:00";
    const prep = await measure<{ markedSent: number }>(region, { kind: "prepare", url: copy.url, plannedAt: west, sentBefore: east });
    if ("crashed" in prep) {
      row(label, `could not build the steady state: ${prep.crashed}`, target, "FAILED");
      return;
    }
    const out = await measure<DeliverOut>(region, { kind: "deliver", url: copy.url, start: east, nineAm: instants, monday, mode: "steady" });
    const r = "value" in out ? out.value : null;
    if (!r) row(label, (out as { crashed: string }).crashed, target, "FAILED");
    else if (r.messages === 0 && r.firstError) row(label, `FAILED: every tick failed (${r.failedTicks} of ${r.ticks}): ${r.firstError}`, target, "FAILED");
    else {
      const ok = !r.stopped && r.failedTicks === 0 && r.digests.overTen === 0 && r.digests.claimed === r.digests.count;
      row(
        label,
        `${int(r.digests.count)}${r.digests.claimed > r.digests.count ? ` of ${int(r.digests.claimed)}` : ""} digests delivered: p50 ${mins(r.digests.p50)}, p95 ${mins(r.digests.p95)}, max ${mins(r.digests.max)}, ${int(r.digests.overTen)} over 10 min; all ${int(r.messages)} messages to ${int(r.recipients)} people: p95 ${mins(r.lateness.p95)}, max ${mins(r.lateness.max)} after 09:00 local; ${too429(r)}${r.failedTicks ? `; ${r.failedTicks} ticks failed: ${r.firstError}` : ""}${r.stopped ? `; ${r.stopped}` : ""}; ${Math.round(r.realSeconds)} s real`,
        target,
        verdictOf(ok),
      );
    }
  } finally {
    await copy.remove();
  }
}

interface CommandOut {
  rows: Array<{ who: string; command: string; runs: number; p50: number; p95: number; max: number; statements: { median: number; max: number }; errors: string[]; replies: number; replyChars: number }>;
}

async function chatCommands(region: PreparedRegion): Promise<void> {
  const copy = await copyForRun(region, "commands");
  try {
    const w = region.world;
    // Monday 10:00 in the regional centre: today's work is current everywhere
    const at = DateTime.fromISO(`${w.params.monday}T10:00`, { zone: w.params.regionalZone }).toUTC().toISO()!;
    const out = await measure<CommandOut>(region, { kind: "commands", url: copy.url, world: w, at, dataDir: path.join(region.workDir, "data") });
    if ("crashed" in out) {
      row("chat commands", out.crashed, "", "FAILED");
      return;
    }
    const r = out.value;
    const who: Record<string, string> = {
      executor: `executor (${w.users.executor.assignments} assignments)`,
      curator: `curator of ${w.users.curator.schools} schools in ${w.users.curator.districts} districts`,
      "district deputy": "district deputy head",
      "regional deputy": "regional deputy head (every roadmap)",
      coordinator: "coordinator",
    };
    for (const c of r.rows) {
      const roadmap = c.command.startsWith("/roadmap");
      const target = roadmap ? "< 1 s" : "p95 < 100 ms, < 20 SQL statements";
      const broke = c.errors.length > 0;
      const ok = roadmap ? c.p95 < 1000 : c.p95 < 100 && c.statements.max < 20;
      row(
        `${c.command} — ${who[c.who] ?? c.who}`,
        `${broke ? `FAILED: ${c.errors.join("; ")}; ` : ""}p50 ${secs(c.p50)}, p95 ${secs(c.p95)} over ${c.runs} runs; ${c.statements.median === c.statements.max ? c.statements.max : `${c.statements.median}–${c.statements.max}`} SQL statements; ${c.replies} messages, ${int(c.replyChars)} characters`,
        target,
        broke ? "FAILED" : verdictOf(ok),
      );
    }
  } finally {
    await copy.remove();
  }
}

interface ExportOut {
  error?: string;
  rows?: number;
  assignments: number;
  bytes?: number;
  ms: number;
  baselineMb: number;
  peakMb: number;
}

async function exports(region: PreparedRegion): Promise<void> {
  const w = region.world;
  const regional = w.regionalRoadmapIds[0]!;
  const at = DateTime.fromISO(`${w.params.monday}T10:00`, { zone: w.params.regionalZone }).toUTC().toISO()!;
  for (const everything of [false, true]) {
    const copy = await copyForRun(region, "export");
    try {
      const out = await measure<ExportOut>(region, { kind: "export", url: copy.url, roadmapId: regional, everything, at, dataDir: path.join(region.workDir, "data") });
      const label = everything ? "export .xlsx of every assignment of the region (all items under one roadmap)" : "export .xlsx of the regional roadmap";
      const target = "100,000 rows < 30 s, < 500 MB";
      if ("crashed" in out) {
        row(label, out.crashed, target, "FAILED");
        continue;
      }
      const r = out.value;
      if (r.error) row(label, `FAILED after ${secs(r.ms)} on ${int(r.assignments)} assignments: ${r.error}; peak RSS ${mb(r.peakMb)}`, target, "FAILED");
      else {
        // over the limits on fewer rows is a miss; within them on fewer rows says nothing yet
        const within = r.ms < 30_000 && r.peakMb < 500;
        const verdict = !within ? "MISSED" : r.rows! >= 100_000 ? "ok" : "";
        row(label, `${int(r.rows!)} rows in ${secs(r.ms)}, ${mb(r.bytes! / 1024 / 1024)}; peak RSS ${mb(r.peakMb)} (${mb(r.baselineMb)} before)${verdict === "" ? "; fewer rows than the target's, not judged" : ""}`, target, verdict);
      }
    } finally {
      await copy.remove();
    }
  }
}

function printTable(): void {
  const width = (k: keyof Row) => Math.min(90, Math.max(...rows.map((r) => r[k].length)));
  const [a, b] = [width("what"), width("target")];
  console.log(`\n${"measurement".padEnd(a)} | ${"target".padEnd(b)} | verdict | figure`);
  console.log(`${"-".repeat(a)}-+-${"-".repeat(b)}-+---------+-------`);
  for (const r of rows) console.log(`${r.what.padEnd(a)} | ${r.target.padEnd(b)} | ${r.verdict.padEnd(7)} | ${r.figure}`);
}

/** What a run leaves for the side-by-side table: its rows and the load it ran under. */
interface Saved {
  provider: string;
  scale: number;
  at: string;
  load: number[];
  rows: Row[];
}

function resultsFile(provider: string, scale: number): string {
  const dir = process.env.REGION_CACHE_DIR ?? path.join(os.tmpdir(), "vekha-region-bench");
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `region-results-${provider}-${scale}.json`);
}

/**
 * Merges this run's rows into what earlier runs on this provider and scale left (a row measured
 * now replaces the same row of before, so REGION_ONLY runs add up), then prints SQLite and
 * PostgreSQL side by side against the targets when both have figures.
 */
function sideBySide(provider: string, scale: number, loadSamples: number[]): void {
  const mine = resultsFile(provider, scale);
  const before: Saved | null = fs.existsSync(mine) ? (JSON.parse(fs.readFileSync(mine, "utf8")) as Saved) : null;
  const measured = rows.filter((r) => r.what !== "the seeded region" || !before);
  const merged = [...(before?.rows ?? []).filter((r) => !measured.some((m) => m.what === r.what)), ...measured];
  const load = [...new Set([...(before?.load ?? []), ...loadSamples])];
  fs.writeFileSync(mine, JSON.stringify({ provider, scale, at: new Date().toISOString(), load, rows: merged } satisfies Saved, null, 2));
  const other = resultsFile(provider === "sqlite" ? "postgresql" : "sqlite", scale);
  if (!fs.existsSync(other)) return;
  const them = JSON.parse(fs.readFileSync(other, "utf8")) as Saved;
  const [sqlite, postgres] = provider === "sqlite" ? [merged, them.rows] : [them.rows, merged];
  const [sqliteLoad, pgLoad] = provider === "sqlite" ? [load, them.load] : [them.load, load];
  const names = [...new Set([...sqlite, ...postgres].map((r) => r.what))];
  const short = (r: Row | undefined) => (r ? `${r.verdict ? `[${r.verdict}] ` : ""}${r.figure}` : "—");
  const range = (l: number[]) => (l.length ? `${Math.min(...l).toFixed(1)}–${Math.max(...l).toFixed(1)}` : "—");
  console.log(`\nside by side, scale ${scale} (load average on ${os.cpus().length} cores during the runs: SQLite ${range(sqliteLoad)}, PostgreSQL ${range(pgLoad)})`);
  console.log("measurement | target | SQLite | PostgreSQL");
  console.log("--- | --- | --- | ---");
  for (const what of names) {
    const a = sqlite.find((r) => r.what === what);
    const b = postgres.find((r) => r.what === what);
    console.log(`${what} | ${a?.target || b?.target || ""} | ${short(a)} | ${short(b)}`);
  }
}

export async function bench(): Promise<void> {
  rows.length = 0;
  const scale = Number(process.env.REGION_SCALE ?? "1");
  if (!(scale > 0)) throw new Error(`REGION_SCALE must be a positive number, not "${process.env.REGION_SCALE}"`);
  const params = regionParams(scale);
  const url = benchDatabaseUrl();
  const provider = providerOf(url);
  console.log(`region bench on ${provider}${url ? ` (${url.replace(/\/\/[^@/]*@/, "//…@")})` : ""}, scale ${scale}: ${int(params.schools)} schools, ${params.districts} districts, ${int(params.people)} people, ~${int(params.assignments)} assignments; the Monday ${params.monday}`);
  const t0 = performance.now();
  // the machine's load while measuring, reported beside the figures (a shared machine slows them all)
  const loads = [os.loadavg()[0]!];
  const loadTimer = setInterval(() => loads.push(os.loadavg()[0]!), 10_000);
  loadTimer.unref();
  let region: PreparedRegion;
  try {
    region = await prepareRegion(params, (line) => console.log(`  ${line}`));
  } catch (e) {
    row(`database (${provider})`, `FAILED: ${e instanceof Error ? e.message : String(e)}`, "", "FAILED");
    printTable();
    return;
  }
  try {
    const c = region.world.counts;
    row(
      "the seeded region",
      `${c.roadmaps} roadmaps (${int(c.items!)} items), ${int(c.schools!)} schools in ${c.districts} districts and ${c.zones} zones, ${int(c.people!)} people, ${int(c.assignments!)} assignments, ${int(c.evidence!)} evidence, ${int(c.checkins!)} check-ins, ${int(c.statusChanges!)} status changes; ` +
        `${region.seeding.cached ? "reused from the cache (seeded in" : "seeded in"} ${secs(region.seeding.seconds * 1000)}${region.seeding.cached ? ")" : ""}, peak RSS ${mb(region.seeding.peakRssMb)}, file ${mb(region.seeding.bytes / 1024 / 1024)}`,
    );
    const zones = ZONES.slice(0, Math.min(ZONES.length, region.world.params.districts));
    // REGION_ONLY=ticks,delivery,commands,export runs only those parts
    const only = process.env.REGION_ONLY?.split(",").map((s) => s.trim());
    const part = (name: string) => !only || only.includes(name);
    if (part("ticks")) await peakTicks(region, zones);
    if (part("delivery")) await deliveries(region, zones);
    if (part("commands")) await chatCommands(region);
    if (part("export")) await exports(region);
  } finally {
    await releaseRegion(region);
  }
  clearInterval(loadTimer);
  printTable();
  if (scale < 1) console.log(`\nscale ${scale}: a smaller region measured against the full region's targets`);
  console.log(`\nregion bench: ${secs(performance.now() - t0)} in all; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores (${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} during the run)`);
  sideBySide(provider, scale, [Math.min(...loads), Math.max(...loads)]);
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
