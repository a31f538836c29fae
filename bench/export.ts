import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { openDb, type Db } from "../services/db.ts";
import { translator } from "../services/i18n.ts";
import { exportRoadmap, writeExport } from "../services/export/index.ts";
import { loadProgress } from "../services/progress.ts";
import { progressChart, schoolsChart } from "../services/charts.ts";
import { postgresSettings, withDatabase } from "../services/database-url.ts";
import { poolConfig } from "../services/pg-pool.ts";

// Export of a roadmap with 1,000 rows (target: under 2 s per file), on a fresh SQLite file; then
// the region's sizes (issue 12: 100,000 rows under 30 s and under 500 MB), each export in a child
// process of its own so its peak RSS is its own, on SQLite and, with BENCH_DATABASE_URL naming a
// PostgreSQL server, on PostgreSQL too (a fresh database per size is created there and dropped).
//
//   npm run bench -- export                                   1,000 rows, then 10,000 and 100,000
//   EXPORT_ROWS=10000 npm run bench -- export                 other sizes (comma-separated; 0: none)
//   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench -- export

const STATUSES = ["not_started", "in_progress", "submitted", "verified", "returned", "postponed", "cancelled"];

/** The bench's item number i: a dated мероприятие of 2024 for every school («Руководители ОО»). */
function benchItem(roadmapId: number, sectionId: number, i: number) {
  const month = String((i % 12) + 1).padStart(2, "0");
  return {
    roadmapId,
    sectionId,
    key: String(i + 1),
    number: String(i + 1),
    title: `Проведение мониторинга и анализа результатов ВПР, ОГЭ и ЕГЭ по школам района, мероприятие ${i + 1}`,
    result: "Аналитическая справка, адресные рекомендации",
    deadlineText: `до 28.${month}.2024`,
    deadlineKind: "date",
    deadlineDue: `2024-${month}-28`,
    checkpoints: JSON.stringify([`2024-${month}-28`]),
    responsibleText: "Руководители ОО",
    position: i,
  };
}

async function seed(db: Db, rows: number): Promise<number> {
  const roadmap = await db.roadmap.create({
    data: { identity: "bench", title: "Дорожная карта (нагрузочная)", orderNumber: "1", orderDate: "2024-01-10", timezone: "Asia/Novosibirsk", status: "active", activeFrom: "2024-01-15", contentHash: "b" },
  });
  const sections = await Promise.all(Array.from({ length: 5 }, (_, i) => db.section.create({ data: { roadmapId: roadmap.id, title: `Раздел ${i + 1}. Мероприятия по направлению ${i + 1}`, position: i } })));
  const schools = await Promise.all(
    Array.from({ length: 20 }, (_, i) => db.organization.create({ data: { name: `МБОУ «Средняя общеобразовательная школа № ${i + 1}» р.п. Баган`, kind: "school" } })),
  );
  const people = await Promise.all(schools.map((s, i) => db.person.create({ data: { fullName: `Исполнитель ${i + 1}`, shortName: `Иванова ${String.fromCharCode(1040 + i)}.И.`, organizationId: s.id } })));
  // 250 items, each fanned out to 4 schools: 1,000 assignment rows.
  const perItem = 4;
  const items = rows / perItem;
  for (let i = 0; i < items; i++) {
    const item = await db.item.create({ data: benchItem(roadmap.id, sections[i % sections.length]!.id, i) });
    await db.assignment.createMany({
      data: Array.from({ length: perItem }, (_, k) => {
        const s = (i * perItem + k) % schools.length;
        const status = STATUSES[(i + k) % STATUSES.length]!;
        return { itemId: item.id, schoolId: schools[s]!.id, personId: people[s]!.id, status, partyText: "Руководители ОО", doneAt: status === "verified" ? new Date("2024-03-01T05:00:00Z") : null };
      }),
    });
  }
  const done = await db.assignment.findMany({ where: { status: { in: ["verified", "submitted"] } }, select: { id: true } });
  await db.evidence.createMany({
    data: done.map((a, n) => (n % 2 ? { assignmentId: a.id, kind: "link", url: `https://bagan-edu.ru/news/${a.id}`, status: "accepted" } : { assignmentId: a.id, kind: "file", fileName: `Справка ${a.id}.pdf`, storagePath: `evidence/${a.id}.pdf`, status: "submitted" })),
  });
  await db.statusChange.createMany({
    data: done.map((a, n) => ({ assignmentId: a.id, fromStatus: "submitted", toStatus: "verified", comment: "принято", at: new Date(Date.UTC(2024, 1, 1 + (n % 60), 5)) })),
  });
  return roadmap.id;
}

/**
 * A region-like roadmap of `rows` assignments, seeded in bulk: 100 items in 5 sections, each fanned
 * out to every school (rows / 100 schools, at most 1,000), statuses mixed, evidence (links and
 * files) on the done and submitted ones, a comment on each of those.
 */
async function seedLarge(db: Db, rows: number): Promise<number> {
  const schoolCount = Math.min(1000, Math.max(1, Math.round(rows / 100)));
  const itemCount = Math.ceil(rows / schoolCount);
  const chunked = async <T>(list: T[], create: (chunk: T[]) => Promise<unknown>, size = 2000) => {
    for (let i = 0; i < list.length; i += size) await create(list.slice(i, i + size));
  };
  const roadmap = await db.roadmap.create({
    data: { identity: `bench-${rows}`, title: "Региональная дорожная карта (нагрузочная)", orderNumber: "1", orderDate: "2024-01-10", timezone: "Asia/Novosibirsk", status: "active", activeFrom: "2024-01-15", contentHash: "b" },
  });
  const sections = await Promise.all(Array.from({ length: 5 }, (_, i) => db.section.create({ data: { roadmapId: roadmap.id, title: `Раздел ${i + 1}. Мероприятия по направлению ${i + 1}`, position: i } })));
  await chunked(
    Array.from({ length: schoolCount }, (_, i) => ({ name: `МБОУ «Средняя общеобразовательная школа № ${i + 1}» района ${Math.floor(i / 17) + 1}`, kind: "school", schoolKey: `bench-${i}` })),
    (data) => db.organization.createMany({ data }),
  );
  const schools = await db.organization.findMany({ where: { kind: "school" }, select: { id: true }, orderBy: { id: "asc" } });
  await chunked(
    schools.map((s, i) => ({ fullName: `Исполнитель Школы ${i + 1}`, shortName: `Иванова ${i + 1} М.П.`, organizationId: s.id })),
    (data) => db.person.createMany({ data }),
  );
  const people = await db.person.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  await db.item.createMany({
    data: Array.from({ length: itemCount }, (_, i) => benchItem(roadmap.id, sections[i % sections.length]!.id, i)),
  });
  const items = await db.item.findMany({ where: { roadmapId: roadmap.id }, select: { id: true }, orderBy: { id: "asc" } });
  await chunked(
    Array.from({ length: rows }, (_, n) => {
      const item = Math.floor(n / schoolCount);
      const s = n % schoolCount;
      const status = STATUSES[(item + s) % STATUSES.length]!;
      return { itemId: items[item]!.id, schoolId: schools[s]!.id, personId: people[s]!.id, status, partyText: "Руководители ОО", doneAt: status === "verified" ? new Date("2024-03-01T05:00:00Z") : null };
    }),
    (data) => db.assignment.createMany({ data }),
  );
  for (let after = 0; ; ) {
    const done = await db.assignment.findMany({ where: { id: { gt: after }, status: { in: ["verified", "submitted"] } }, select: { id: true }, orderBy: { id: "asc" }, take: 2000 });
    if (done.length === 0) break;
    after = done.at(-1)!.id;
    await db.evidence.createMany({
      data: done.map((a, n) => (n % 2 ? { assignmentId: a.id, kind: "link", url: `https://bagan-edu.ru/news/${a.id}`, status: "accepted" } : { assignmentId: a.id, kind: "file", fileName: `Справка ${a.id}.pdf`, storagePath: `evidence/${a.id}.pdf`, status: "submitted" })),
    });
    await db.statusChange.createMany({
      data: done.map((a, n) => ({ assignmentId: a.id, fromStatus: "submitted", toStatus: "verified", comment: "принято", at: new Date(Date.UTC(2024, 1, 1 + (n % 60), 5)) })),
    });
  }
  return roadmap.id;
}

interface MeasureTask {
  url: string;
  roadmapId: number;
  format: "xlsx" | "docx";
  dir: string;
}

interface MeasureResult {
  rows: number;
  bytes: number;
  ms: number;
  cpuMs: number;
  baselineMb: number;
  peakMb: number;
  capped: boolean;
}

/** In the child: one export streamed to a file, timed, with this process's peak RSS. */
async function measureOne(task: MeasureTask): Promise<MeasureResult> {
  const db = await openDb(task.url);
  try {
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const out = await writeExport(db, { roadmapId: task.roadmapId, formats: [task.format], tr: translator("ru"), now: new Date("2024-06-10T05:00:00Z"), dataDir: task.dir }, { dir: task.dir });
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    clearInterval(timer);
    peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
    return { rows: out.rows, bytes: out.files[0]!.bytes, ms, cpuMs: (c.user + c.system) / 1000, baselineMb: baseline / 2 ** 20, peakMb: peak / 2 ** 20, capped: out.files[0]!.capped };
  } finally {
    await db.$disconnect();
  }
}

const THIS_FILE = fileURLToPath(import.meta.url);

function inChild(task: MeasureTask): Promise<MeasureResult | { failed: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, THIS_FILE, "--measure", JSON.stringify(task)], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    child.on("close", (code, signal) => {
      const line = out.split("\n").find((l) => l.startsWith("@@RESULT "));
      if (line) return resolve(JSON.parse(line.slice("@@RESULT ".length)) as MeasureResult);
      resolve({ failed: `exit ${signal ?? code}: ${err.trim().split("\n").at(-1) ?? ""}` });
    });
  });
}

/** A fresh database of `rows` per provider: a SQLite file, or a PostgreSQL database created on the server. */
async function freshDatabase(server: string | null, rows: number, dir: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!server) return { url: `file:${path.join(dir, `export-${rows}.db`)}`, drop: async () => {} };
  const name = `vekha_bench_export_${rows}_${process.pid}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ ...poolConfig(postgresSettings(server)), statement_timeout: 0 });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS "${name}"`);
  await admin(`CREATE DATABASE "${name}"`);
  return { url: withDatabase(server, name), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** 10,000 and 100,000 rows (EXPORT_ROWS), .xlsx and .docx, on SQLite and on BENCH_DATABASE_URL's PostgreSQL. */
async function regionSizes(): Promise<void> {
  const sizes = (process.env.EXPORT_ROWS ?? "10000,100000")
    .split(",")
    .map((s) => Number(s.trim()))
    .filter((n) => n > 0);
  const server = process.env.BENCH_DATABASE_URL?.trim() || null;
  if (server && !/^postgres(ql)?:/.test(server)) throw new Error(`BENCH_DATABASE_URL: a postgresql:// server URL, not ${server}`);
  const providers: Array<string | null> = server ? [null, server] : [null];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vekha-bench-export-large-"));
  const lines: string[] = [];
  try {
    for (const provider of providers) {
      for (const rows of sizes) {
        const db0 = await freshDatabase(provider, rows, dir);
        try {
          const t0 = performance.now();
          const db = await openDb(db0.url);
          let roadmapId: number;
          try {
            roadmapId = await seedLarge(db, rows);
          } finally {
            await db.$disconnect();
          }
          const label = `${provider ? "postgresql" : "sqlite"}, ${rows.toLocaleString("en-US")} rows`;
          console.log(`  ${label}: seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
          for (const format of ["xlsx", "docx"] as const) {
            const r = await inChild({ url: db0.url, roadmapId, format, dir });
            const load = os.loadavg()[0]!.toFixed(1);
            let line: string;
            if ("failed" in r) line = `export ${format}, ${label}: FAILED ${r.failed}; load average ${load}`;
            else {
              const target = format === "xlsx" && rows >= 100_000 ? ` — target < 30 s and < 500 MB ${r.ms < 30_000 && r.peakMb < 500 ? "OK" : "MISSED"}` : "";
              line =
                `export ${format}, ${label}: ${r.rows.toLocaleString("en-US")} rows in ${(r.ms / 1000).toFixed(1)} s wall (CPU ${(r.cpuMs / 1000).toFixed(1)} s), ` +
                `${(r.bytes / 2 ** 20).toFixed(1)} MB file${r.capped ? " (lists shortened)" : ""}; peak RSS ${r.peakMb.toFixed(0)} MB (${r.baselineMb.toFixed(0)} MB before); load average ${load}${target}`;
            }
            console.log(`  ${line}`);
            lines.push(line);
          }
          for (const f of fs.readdirSync(dir)) if (/\.(xlsx|docx)$/.test(f)) fs.rmSync(path.join(dir, f));
        } finally {
          await db0.drop();
        }
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nregion-size exports (${os.cpus().length} CPUs):\n${lines.map((l) => `  ${l}`).join("\n")}`);
}

export async function bench(): Promise<void> {
  await smallRoadmap();
  await regionSizes();
}

if (process.argv[2] === "--measure") {
  const result = await measureOne(JSON.parse(process.argv[3]!) as MeasureTask);
  process.stdout.write(`@@RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
}

async function smallRoadmap(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vekha-bench-export-"));
  const db = await openDb(`file:${path.join(dir, "bench.db")}`);
  try {
    const roadmapId = await seed(db, 1000);
    const tr = translator("ru");
    const now = new Date("2024-06-10T05:00:00Z");
    // warm-up: module loading and font parsing are start-up costs, not per-export ones
    const cold = performance.now();
    await exportRoadmap(db, { roadmapId, formats: ["xlsx"], tr, now, dataDir: dir });
    console.log(`first export in a fresh process (xlsx, includes lazy loading): ${(performance.now() - cold).toFixed(0)} ms`);

    let t0 = performance.now();
    const p = await loadProgress(db, { roadmapId, today: "2024-06-10" });
    console.log(`progress of ${p.rows.length} rows: ${(performance.now() - t0).toFixed(0)} ms`);

    // Wall time, and this process's CPU time: on a shared, busy machine the CPU figure is the steadier one.
    const measure = async (label: string, formats: Array<"xlsx" | "docx">) => {
      const wall: number[] = [];
      const cpu: number[] = [];
      let size = 0;
      for (let run = 0; run < 5; run++) {
        const c0 = process.cpuUsage();
        const w0 = performance.now();
        const out = await exportRoadmap(db, { roadmapId, formats, tr, now, dataDir: dir });
        wall.push(performance.now() - w0);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
        size = out.files.reduce((n, f) => n + f.buffer.length, 0);
      }
      wall.sort((a, b) => a - b);
      cpu.sort((a, b) => a - b);
      console.log(
        `${label}, ${p.rows.length} rows (with charts): wall median ${wall[2]!.toFixed(0)} ms, worst ${wall[4]!.toFixed(0)} ms; CPU median ${cpu[2]!.toFixed(0)} ms; ${(size / 1024).toFixed(0)} KB — target < 2000 ms ${wall[2]! < 2000 ? "OK" : "MISSED"}`,
      );
    };
    await measure("export xlsx", ["xlsx"]);
    await measure("export docx", ["docx"]);
    await measure("/export in chat (xlsx + docx)", ["xlsx", "docx"]);
    console.log(`load average now: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`);
    t0 = performance.now();
    progressChart(p.bySection, tr);
    schoolsChart(p.bySchool, tr);
    console.log(`charts (sections + ${p.bySchool.length} schools): ${(performance.now() - t0).toFixed(0)} ms`);
  } finally {
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
