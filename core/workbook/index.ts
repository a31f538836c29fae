import { ImportError } from "../import/index.ts";
import type { ImportResult } from "../types.ts";
import { readCanonicalWorkbook, type WorkbookReadOptions } from "./read.ts";

export { writeWorkbook,  } from "./write.ts";
export { needsHuman,   } from "./layout.ts";

/**
 * An upload that is the canonical roadmap workbook, as an import; null for any other file (read it as a
 * document then). A workbook without a single row is refused like a document without a roadmap.
 */
export async function importWorkbookUpload(fileName: string, bytes: Buffer, opts: WorkbookReadOptions): Promise<ImportResult | null> {
  const result = await readCanonicalWorkbook(bytes, opts);
  if (result && result.items.length === 0) {
    throw new ImportError("nothing_found", `${fileName}: the roadmap workbook has its header but no rows under it`);
  }
  return result;
}
