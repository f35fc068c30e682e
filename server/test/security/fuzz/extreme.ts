import { plausible, type Schema } from './malformed.js';
import type { Prng } from './prng.js';

/**
 * Well-formed bodies with one value at an extreme of its own type: ids and counts beyond int4, huge or
 * tiny floats, far dates, NUL and unpaired surrogates, very long strings and lists. Such a body may be
 * valid (and then written): the server must answer it with a 2xx or a 4xx naming the field, never a 5xx.
 */

const EXTREME_NUMBERS = [2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e308, -1e308, -1, 0, 1.5, 5e-324, 2147483647];
const EXTREME_STRINGS = ['\u0000', 'a\u0000', '\uD800', 'x\uDC00', 'x'.repeat(70_000), ' ', '', '0001-01-01T00:00:00Z', '275760-09-13T00:00:00Z', '9999-12-31', '1899-12-31', '%_\\', '../../etc/passwd', 'http://[::1', '💥'.repeat(3000), '\u202e\u200b'];

export function extremeBody(rng: Prng, schema: Schema): { label: string; value: unknown } | undefined {
  const value = plausible(rng, schema) as Record<string, unknown>;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  // The leaves of the first two levels, with their schemas.
  const leaves: { path: string; holder: Record<string, unknown>; key: string; schema: Schema }[] = [];
  for (const [k, p] of Object.entries(schema.properties ?? {})) {
    leaves.push({ path: k, holder: value, key: k, schema: p });
    const inner = value[k];
    if (inner && typeof inner === 'object' && !Array.isArray(inner) && p.properties) {
      for (const [k2, p2] of Object.entries(p.properties)) leaves.push({ path: `${k}.${k2}`, holder: inner as Record<string, unknown>, key: k2, schema: p2 });
    }
  }
  if (leaves.length === 0) return undefined;
  const leaf = rng.pick(leaves);
  const type = leaf.schema.type ?? (leaf.schema.anyOf ?? leaf.schema.oneOf)?.find((s) => s.type)?.type;
  let extreme: unknown;
  if (type === 'integer' || type === 'number') extreme = rng.pick(EXTREME_NUMBERS);
  else if (type === 'string') extreme = rng.pick(EXTREME_STRINGS);
  else if (type === 'array') extreme = Array.from({ length: rng.pick([0, 1001, 20_000]) }, () => (leaf.schema.items ? plausible(rng, leaf.schema.items) : 1));
  else extreme = rng.pick([...EXTREME_NUMBERS, ...EXTREME_STRINGS]);
  leaf.holder[leaf.key] = extreme;
  const shown = typeof extreme === 'string' ? JSON.stringify(extreme.slice(0, 24)) + (extreme.length > 24 ? `…(${extreme.length})` : '') : Array.isArray(extreme) ? `[${extreme.length} items]` : String(extreme);
  return { label: `${leaf.path} = ${shown}`, value };
}
