import fs from "node:fs";
import path from "node:path";
import { findController, findCurators } from "../core/import/order-text.ts";
import { importProse, splitDeadline } from "../core/import/prose.ts";
import { parseResponsible } from "../core/parties.ts";
import { FIXTURES_DIR } from "../test/support/fixtures.ts";

// `npm run bench -- prose`: the two prose orders imported (points, executors, deadlines), their controller and
// curators read, and every responsible cell of the table fixtures parsed; ms per run after warm-up.

const FIXTURES = FIXTURES_DIR;

function paragraphs(file: string) {
  return fs
    .readFileSync(path.join(FIXTURES, file), "utf8")
    .split("\n")
    .map((text, i) => ({ text: text.replace(/\*\*/g, ""), line: i + 1 }))
    .filter((p) => p.text.trim());
}

function time(label: string, runs: number, fn: () => void): void {
  for (let i = 0; i < 20; i++) fn(); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6 / runs;
  console.log(`${label.padEnd(44)} ${ms.toFixed(3)} ms`);
}

export async function bench(): Promise<void> {
  const orders = [
    { file: "bodaibo-2023-order.txt", ctx: { years: [2023, 2024], orderDate: "2023-06-14" } },
    { file: "borovsk-2021-order.txt", ctx: { years: [2021], orderDate: "2021-06-01" } },
  ];
  for (const { file, ctx } of orders) {
    const ps = paragraphs(file);
    const texts = ps.map((p) => p.text);
    const n = importProse(ps, ctx).items.length;
    time(`importProse ${file} (${n} items)`, 200, () => importProse(ps, ctx));
    time(`findController+findCurators ${file}`, 200, () => {
      findController(texts);
      findCurators(texts);
    });
  }
  const cells: string[] = [];
  for (const file of ["skovorodino-2023-roadmap.txt", "bagan-2024-roadmap.txt", "bolshebereznikovsky-2020-2022-program.txt"]) {
    for (const line of fs.readFileSync(path.join(FIXTURES, file), "utf8").split("\n")) {
      const c = line.split("\t");
      if (c.length >= 4 && /^\d+\.?$/.test(c[0]!.trim())) cells.push(file.startsWith("bagan") ? c[3]! : c[c.length - 1]!);
    }
  }
  time(`parseResponsible × ${cells.length} table cells`, 200, () => {
    for (const c of cells) parseResponsible(c);
  });
  // points of other shapes: deadlines in the middle of the sentence, and dates that are none
  const points = [
    "Представить в срок до 15 апреля 2026 года в управление образования отчёт о реализации плана",
    "не позднее 1 декабря 2025 г. направить в отдел образования списки участников итогового сочинения",
    "представлять ежемесячно до 5 числа месяца, следующего за отчётным, информацию о пропусках уроков",
    "провести в период с 1 по 15 октября 2025 г. мониторинг официальных сайтов ОО",
    "в течение 3 рабочих дней после проведения ВПР направить протоколы в управление образования",
    "Обеспечить выполнение требований Федерального закона от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»",
    "Провести анализ результатов ГИА по итогам 2024 года",
    "Организовать курсы для педагогов со стажем от 3 до 5 лет",
  ];
  time(`splitDeadline × ${points.length} points of other districts`, 2000, () => {
    for (const p of points) splitDeadline(p);
  });
  const otherCells = [
    "Министерство образования, науки и молодёжной политики края",
    "Отдел образования, опеки и попечительства, руководители ОО",
    "Сидорова А.А. Орлова В.В. учителя-предметники",
    "директор Иванов И.И. заместитель директора по УВР Петрова А.А.",
    "Заместитель директора по ВР\nсоциальный педагог",
  ];
  time(`parseResponsible × ${otherCells.length} cells of other districts`, 2000, () => {
    for (const c of otherCells) parseResponsible(c);
  });
}
