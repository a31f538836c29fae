// Why a file could not be read. The CLI prints `message` as its one line;
// the bot localizes by `code` (the message is English, for operators and logs).

export type DocumentErrorCode =
  | "empty" // nothing in the file
  | "legacy_word" // .doc (OLE2) or RTF: ask for .docx
  | "legacy_excel" // .xls (OLE2): ask for .xlsx
  | "pdf" // a PDF: ask for the original .docx/.xlsx
  | "mismatch" // the content is not what the name says (a text file renamed .docx)
  | "unreadable" // a damaged archive, broken XML, random bytes
  | "unsupported"; // a readable format Веха does not take (.odt, images, …)

export class DocumentError extends Error {
  readonly code: DocumentErrorCode;
  readonly fileName: string;
  constructor(code: DocumentErrorCode, fileName: string, message: string) {
    super(`${fileName}: ${message}`);
    this.name = "DocumentError";
    this.code = code;
    this.fileName = fileName;
  }
}
