/*
 * What a request's accepted MIME types mean for a person and for a browser. People know files by extension
 * ("PDF (.pdf)"), file pickers filter best with both extensions and MIME types, and browsers report some files
 * with a type the request does not list (Windows calls a CSV application/vnd.ms-excel), so the upload script
 * falls back to the extension, using the table the server hands it rather than a copy of its own.
 */

interface KnownFileType {
  readonly label: string;
  /** Without the dot, the usual one first. */
  readonly extensions: readonly string[];
}

const KNOWN_FILE_TYPES: Readonly<Record<string, KnownFileType>> = {
  'application/pdf': { label: 'PDF', extensions: ['pdf'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    label: 'Word document',
    extensions: ['docx'],
  },
  'application/msword': { label: 'Word 97–2003 document', extensions: ['doc'] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    label: 'Excel workbook',
    extensions: ['xlsx'],
  },
  'application/vnd.ms-excel': { label: 'Excel 97–2003 workbook', extensions: ['xls'] },
  'text/csv': { label: 'CSV', extensions: ['csv'] },
  'text/plain': { label: 'Plain text', extensions: ['txt', 'log'] },
  'application/json': { label: 'JSON', extensions: ['json'] },
  'application/xml': { label: 'XML', extensions: ['xml'] },
  'application/zip': { label: 'ZIP archive', extensions: ['zip'] },
  'image/png': { label: 'PNG image', extensions: ['png'] },
  'image/jpeg': { label: 'JPEG image', extensions: ['jpg', 'jpeg'] },
  'image/gif': { label: 'GIF image', extensions: ['gif'] },
  'image/tiff': { label: 'TIFF image', extensions: ['tif', 'tiff'] },
  'image/webp': { label: 'WebP image', extensions: ['webp'] },
  'image/heic': { label: 'HEIC photo', extensions: ['heic'] },
};

const WILDCARD_LABELS: Readonly<Record<string, string>> = {
  image: 'Any image',
  text: 'Any text file',
};

const normalize = (contentType: string) => contentType.split(';')[0]?.trim().toLowerCase() ?? '';
const isWildcard = (contentType: string) => contentType.endsWith('/*');

/** The known types a pattern covers: itself, or every known type of a wildcard's family. */
function knownTypesMatching(pattern: string): string[] {
  if (!isWildcard(pattern)) return KNOWN_FILE_TYPES[pattern] ? [pattern] : [];
  const family = pattern.slice(0, -1);
  return Object.keys(KNOWN_FILE_TYPES).filter((known) => known.startsWith(family));
}

/** One name per type, e.g. "PDF (.pdf)", "JPEG image (.jpg, .jpeg)", "Any image (image/*)". */
export function describeFileType(contentType: string): string {
  const type = normalize(contentType);
  if (isWildcard(type)) {
    const family = type.slice(0, -2);
    return `${WILDCARD_LABELS[family] ?? `Any ${family} file`} (${type})`;
  }
  const known = KNOWN_FILE_TYPES[type];
  if (!known) return type;
  return `${known.label} (${known.extensions.map((extension) => `.${extension}`).join(', ')})`;
}

/** The accepted types for a reader, e.g. "PDF (.pdf), CSV (.csv)". */
export function describeAcceptedFileTypes(contentTypes: readonly string[]): string {
  return contentTypes.map(describeFileType).join(', ');
}

/** The file input's accept attribute: extensions and MIME types of each type, wildcards as given. */
export function acceptAttribute(contentTypes: readonly string[]): string {
  const tokens = new Set<string>();
  for (const type of contentTypes.map(normalize)) {
    for (const extension of KNOWN_FILE_TYPES[type]?.extensions ?? []) tokens.add(`.${extension}`);
    if (type) tokens.add(type);
  }
  return [...tokens].join(',');
}

/**
 * Extension → MIME type for the accepted types, wildcards expanded over the known table, e.g.
 * { pdf: 'application/pdf', jpg: 'image/jpeg' }. The script declares the type it finds here when the browser
 * reports none or one the request does not list.
 */
export function extensionTypes(contentTypes: readonly string[]): Record<string, string> {
  const byExtension: Record<string, string> = {};
  for (const pattern of contentTypes.map(normalize)) {
    for (const type of knownTypesMatching(pattern)) {
      for (const extension of KNOWN_FILE_TYPES[type]?.extensions ?? []) byExtension[extension] ??= type;
    }
  }
  return byExtension;
}
