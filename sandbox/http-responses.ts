/** What a front-door route answers; the server writes it out. */
export interface FrontDoorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

// Nothing the sandbox serves should be cached or sniffed into another type.
const COMMON_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;

export function jsonResponse(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): FrontDoorResponse {
  return {
    status,
    headers: { ...COMMON_HEADERS, 'content-type': 'application/json; charset=utf-8', ...headers },
    body: `${JSON.stringify(value, null, 2)}\n`,
  };
}

export function htmlResponse(status: number, html: string): FrontDoorResponse {
  return {
    status,
    headers: {
      ...COMMON_HEADERS,
      'content-type': 'text/html; charset=utf-8',
      // The pages are static markup with inline styles: no script, no outside resource.
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
    },
    body: html,
  };
}

/** The error body every JSON endpoint uses: a stable machine-readable name and a sentence for people. */
export function errorResponse(
  status: number,
  error: string,
  message: string,
  headers: Record<string, string> = {},
): FrontDoorResponse {
  return jsonResponse(status, { error, message }, headers);
}
