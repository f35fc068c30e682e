/** Query strings for the API and for the app's own routes. Pure: no DOM, tested in server/test/ui. */

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

/**
 * `?a=1&b=x,y` from an object. Empty values (undefined, null, '', false, []) are left out so a cleared
 * filter disappears from the URL instead of reaching the API as an invalid empty value; arrays become
 * the comma lists the API takes (`status=new,assigned`); `true` becomes `1`.
 */
export function buildQuery(params: Readonly<Record<string, QueryValue>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === false) continue;
    if (Array.isArray(value)) {
      const items = value.map(String).filter((s) => s !== '');
      if (items.length > 0) search.set(key, items.join(','));
      continue;
    }
    const s = value === true ? '1' : String(value).trim();
    if (s !== '') search.set(key, s);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The query part of a URL or fragment (`a=1&b=2`, with or without a leading `?`) as a plain object. */
export function parseQuery(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(text.replace(/^\?/, ''))) out[k] = v;
  return out;
}

/** `query` with `changes` applied: a key set to an empty value is removed. */
export function mergeQuery(query: Readonly<Record<string, string>>, changes: Readonly<Record<string, QueryValue>>): Record<string, QueryValue> {
  return { ...query, ...changes };
}

/** A non-negative integer from a query value, or the fallback when it is absent or not one. */
export function intParam(value: string | undefined, fallback: number): number {
  if (value === undefined || !/^\d+$/.test(value)) return fallback;
  return Number(value);
}

/** Ids from a comma list (`ticketIds=3,5,8`): each a positive integer within the API's range, once, in order. */
export function idsParam(value: string | undefined, max = 2_147_483_647): number[] {
  if (!value) return [];
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^\d{1,10}$/.test(s))
    .map(Number)
    .filter((n) => n >= 1 && n <= max);
  return [...new Set(ids)];
}
