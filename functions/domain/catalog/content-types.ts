/** MIME types accepted as evidence. Kept to document, spreadsheet and image formats a reviewer can open. */
export const CONTENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  txt: 'text/plain',
  png: 'image/png',
  jpeg: 'image/jpeg',
} as const;

const { pdf, docx, xlsx, csv, txt, png, jpeg } = CONTENT_TYPES;

/** Signed forms, memos and reports. */
export const DOCUMENTS = [pdf, docx] as const;
/** Rosters, logs and exports. */
export const RECORDS = [pdf, xlsx, csv] as const;
/** Scanned or photographed pages and diagrams, as well as PDFs. */
export const SCANS = [pdf, png, jpeg] as const;
/** Tool exports such as scan results or log-review notes. */
export const EXPORTS = [pdf, xlsx, csv, txt] as const;

export function isAcceptedContentType(accepted: readonly string[], contentType: string): boolean {
  // Parameters such as "; charset=utf-8" do not change the format.
  const bare = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return accepted.includes(bare);
}
