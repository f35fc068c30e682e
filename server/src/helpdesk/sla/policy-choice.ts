/**
 * Which SLA policy applies to a ticket, pure: the policy of the nearest category in `ancestors` (the
 * ticket's category first, then its parents), else a policy without category; among several at the same
 * level, the lowest id, so the answer never depends on row order.
 */
export function choosePolicy<P extends { id: number; categoryId: number | null }>(policies: readonly P[], ancestors: readonly number[]): P | null {
  const rank = (p: P) => (p.categoryId === null ? ancestors.length : ancestors.indexOf(p.categoryId));
  let best: P | null = null;
  for (const p of policies) {
    const r = rank(p);
    if (r < 0) continue;
    if (best === null || r < rank(best) || (r === rank(best) && p.id < best.id)) best = p;
  }
  return best;
}
