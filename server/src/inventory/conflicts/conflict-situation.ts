/**
 * Whether an inventory's conflicting evidence is news. An open conflict of the same agent that shares a
 * candidate is the same situation seen again (a clone first becomes a new device, then both devices
 * carry the agent id): it is widened when the evidence names a device it did not, and left alone when
 * it names nothing new, so hourly uploads with the same evidence do not repeat it.
 */
export type ConflictStep =
  | { kind: 'known' }
  | { kind: 'widen'; id: number; candidateIds: number[] }
  | { kind: 'record'; candidateIds: number[] };

export function conflictStep(open: { id: number; candidateIds: readonly number[] } | undefined, seen: readonly number[]): ConflictStep {
  if (!open) return { kind: 'record', candidateIds: [...seen] };
  const known = new Set(open.candidateIds);
  if (seen.every((id) => known.has(id))) return { kind: 'known' };
  return { kind: 'widen', id: open.id, candidateIds: [...new Set([...open.candidateIds, ...seen])] };
}
