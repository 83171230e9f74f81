/**
 * Route paths are written as API Gateway writes them, e.g. `/agencies/{ori}/enrollments`, so the same string
 * serves the router, the CDK routes and the OpenAPI document.
 */

const PARAMETER = /^\{([A-Za-z][A-Za-z0-9]*)\}$/;

/** The `{name}` parameters of a path template, in order. */
export function pathParameterNames(template: string): string[] {
  return template
    .split('/')
    .map((segment) => PARAMETER.exec(segment)?.[1])
    .filter((name): name is string => name !== undefined);
}

export type PathMatch =
  | { readonly matched: true; readonly params: Record<string, string> }
  | { readonly matched: false };

/** A percent-encoding that does not decode (e.g. `%E0%A4%A`) is a parameter value that cannot be valid. */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * Matches a request path (still percent-encoded, as API Gateway's rawPath and URL.pathname give it) against a
 * template. Parameter values are decoded; a value that contains '/' once decoded never matches, so a
 * parameter cannot reach into another route's path. One trailing slash is ignored.
 */
export function matchPath(template: string, rawPath: string): PathMatch {
  const path = rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath;
  const wanted = template.split('/');
  const given = path.split('/');
  if (wanted.length !== given.length) return { matched: false };
  const params: Record<string, string> = {};
  for (const [index, segment] of wanted.entries()) {
    const actual = given[index] as string;
    const name = PARAMETER.exec(segment)?.[1];
    if (name === undefined) {
      if (segment !== actual) return { matched: false };
      continue;
    }
    const value = decodeSegment(actual);
    if (value === undefined || value.length === 0 || value.includes('/')) return { matched: false };
    params[name] = value;
  }
  return { matched: true, params };
}
