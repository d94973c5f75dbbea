/**
 * Express's default query parser (node:querystring) turns a malformed percent-escape or bytes that
 * are not UTF-8 into U+FFFD without a word, so `?cluster=a%ED%A0%80` became a valid-looking code and
 * answered 200. This parser decodes strictly and remembers which parameters it could not decode, so
 * that `parseQuery` answers a 400 naming them.
 */
export type ParsedQuery = Record<string, string | string[]>;

const MALFORMED = Symbol('query parameters that are not percent-encoded UTF-8');
type Marked = ParsedQuery & { [MALFORMED]?: string[] };

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** Express's `query parser`: `raw` is the part after `?`, null without one. */
export function parseQueryString(raw: string | null | undefined): ParsedQuery {
  const query: Marked = Object.create(null) as Marked;
  const malformed: string[] = [];
  for (const pair of (raw ?? '').split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const key = decode(rawKey);
    const value = decode(eq < 0 ? '' : pair.slice(eq + 1));
    if (key === undefined || value === undefined) {
      malformed.push(key ?? rawKey);
      continue;
    }
    const previous = query[key];
    query[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  // Not enumerable: the zod schemas and any copy of the query see the parameters only.
  if (malformed.length) Object.defineProperty(query, MALFORMED, { value: malformed });
  return query;
}

/** The parameters `parseQueryString` could not decode (none for any other object). */
export const malformedParameters = (query: unknown): string[] => (query as Marked | undefined)?.[MALFORMED] ?? [];
