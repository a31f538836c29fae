import ExcelJS from "exceljs";
import JSZip from "jszip";
import { once } from "node:events";
import zlib from "node:zlib";

// Hostile uploads, built in the test: a part of hundreds of megabytes is deflated chunk by chunk (the
// test never holds it whole), then packed into a ZIP whose directory may declare sizes that lie.

interface ZipPart {
  name: string;
  /** the part's text, or its deflated bytes with their unpacked size */
  data: string | { deflated: Buffer; size: number };
  /** what the directory declares as the unpacked size (default: the true one) */
  declaredSize?: number;
}

/** Deflates `head`, `count` units (the same text, or one made per index), then `tail`, a megabyte at a time. */
async function deflateRepeated(head: string, unit: string | ((i: number) => string), count: number, tail: string): Promise<{ deflated: Buffer; size: number }> {
  const z = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on("data", (c: Buffer) => out.push(c));
  const ended = once(z, "end");
  let size = 0;
  const write = async (text: string) => {
    const b = Buffer.from(text);
    size += b.length;
    if (!z.write(b)) await once(z, "drain");
  };
  await write(head);
  if (typeof unit === "string") {
    const perBlock = Math.max(1, Math.floor((1 << 20) / unit.length));
    const block = unit.repeat(perBlock);
    let left = count;
    for (; left >= perBlock; left -= perBlock) await write(block);
    await write(unit.repeat(left));
  } else {
    let chunk = "";
    for (let i = 0; i < count; i++) {
      chunk += unit(i);
      if (chunk.length > 1 << 20) {
        await write(chunk);
        chunk = "";
      }
    }
    await write(chunk);
  }
  await write(tail);
  z.end();
  await ended;
  return { deflated: Buffer.concat(out), size };
}

/** A ZIP archive of these parts (deflated; the central directory declares `declaredSize` where given). */
function zipOf(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const { deflated, size } = typeof p.data === "string" ? { deflated: zlib.deflateRawSync(Buffer.from(p.data)), size: Buffer.byteLength(p.data) } : p.data;
    const declared = p.declaredSize ?? size;
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(Math.min(declared, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(deflated.length, 20);
    dir.writeUInt32LE(Math.min(declared, 0xffffffff), 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, deflated);
    central.push(dir, name);
    offset += local.length + name.length + deflated.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`;
const W = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`;

/** A .docx whose document.xml is `paragraphs` copies of one paragraph, declared `declaredSize` (a lie) if given. */
export async function docxOfParagraphs(paragraph: string, paragraphs: number, declaredSize?: number): Promise<Buffer> {
  const body = await deflateRepeated(W, paragraph, paragraphs, "</w:body></w:document>");
  return zipOf([
    { name: "[Content_Types].xml", data: CONTENT_TYPES },
    { name: "word/document.xml", data: body, ...(declaredSize === undefined ? {} : { declaredSize }) },
  ]);
}

/** An .xlsx whose one sheet has `rows` rows (an action, a month, a person): a real workbook with its sheet swapped. */
export async function xlsxOfRows(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("План").addRow(["№", "Мероприятие", "Срок", "Ответственный"]);
  const real = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  const parts: ZipPart[] = [];
  for (const [name, file] of Object.entries(real.files)) {
    if (file.dir) continue;
    if (name !== "xl/worksheets/sheet1.xml") {
      parts.push({ name, data: await file.async("string") });
      continue;
    }
    const head = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
    const t = (col: string, r: number, text: string) => `<c r="${col}${r}" t="inlineStr"><is><t>${text}</t></is></c>`;
    const cells = (i: number) => (i === 0 ? ["№", "Мероприятие", "Срок", "Ответственный"] : [String(i), "Анализ результатов ВПР", "Май 2023", "Иванова А.А."]);
    const row = (i: number) => `<row r="${i + 1}">${cells(i).map((text, c) => t("ABCD"[c]!, i + 1, text)).join("")}</row>`;
    parts.push({ name, data: await deflateRepeated(head, row, rows, "</sheetData></worksheet>") });
  }
  return zipOf(parts);
}

/** A CSV roadmap of `rows` rows (`;`, UTF-8). */
export function csvOfRows(rows: number): Buffer {
  const lines = ["№;Мероприятие;Срок;Ответственный"];
  for (let i = 1; i <= rows; i++) lines.push(`${i};Анализ ВПР;Май 2023;Иванова А.А.`);
  return Buffer.from(lines.join("\r\n"));
}
