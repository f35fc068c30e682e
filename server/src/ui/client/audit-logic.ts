import type { QueryValue } from './query.js';

/** The audit page's URL filters as the API's query (unknown keys dropped). Pure: tested in server/test/ui. */
export function auditApiQuery(q: Readonly<Record<string, string>>): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = { limit: 100 };
  for (const key of ['action', 'actor', 'address', 'since', 'until', 'before'] as const) if (q[key]) out[key] = q[key];
  return out;
}

/** An entry's detail on one line: `key: value` pairs, nested values as JSON; empty detail as nothing. */
export function auditDetailText(detail: Readonly<Record<string, unknown>>): string {
  return Object.entries(detail)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');
}
