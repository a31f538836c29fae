// Why a file could not be read. The CLI prints `message` as its one line;
// the bot localizes by `code` (the message is English, for operators and logs).

export type DocumentErrorCode =
  | "empty" // nothing in the file
  | "legacy_word" // a Word format Веха cannot read (RTF, Word 2003 XML): ask for .docx
  | "legacy_excel" // .xls (OLE2): ask for .xlsx
  | "pdf" // a PDF without a text layer (a scan): ask for the original .docx/.xlsx
  | "mismatch" // the content is not what the name says (a text file renamed .docx)
  | "unreadable" // a damaged archive, broken XML, random bytes
  | "unsupported" // a readable format Веха does not take (.ods, images, …)
  | "too_large"; // over one of the limits in limits.ts (`limit` says which)

/** For `too_large`: which limit (a key of LIMITS, or "time" / "memory") and its value. */
export interface LimitDetail {
  limit: string;
  max: number;
}

export class DocumentError extends Error {
  readonly code: DocumentErrorCode;
  readonly fileName: string;
  readonly detail: LimitDetail | null;
  constructor(code: DocumentErrorCode, fileName: string, message: string, detail: LimitDetail | null = null) {
    super(`${fileName}: ${message}`);
    this.name = "DocumentError";
    this.code = code;
    this.fileName = fileName;
    this.detail = detail;
  }
}
