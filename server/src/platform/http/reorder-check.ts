/**
 * A reorder request (assignment rules, software rules…) must list every rule exactly once: anything else would leave some rule's place
 * undefined. Pure; returns the first problem with the field to name, or null.
 */
export function permutationProblem(ids: readonly number[], existing: readonly number[]): { field: string; message: string } | null {
  const known = new Set(existing);
  const seen = new Map<number, number>();
  for (const [i, id] of ids.entries()) {
    if (!known.has(id)) return { field: `ids.${i}`, message: `rule ${id} does not exist` };
    const first = seen.get(id);
    if (first !== undefined) return { field: `ids.${i}`, message: `rule ${id} is listed twice (also at ids.${first})` };
    seen.set(id, i);
  }
  const missing = existing.filter((id) => !seen.has(id)).sort((a, b) => a - b);
  if (missing.length > 0) return { field: 'ids', message: `list every rule exactly once; missing: ${missing.join(', ')}` };
  return null;
}
