/**
 * Whether an inventory's conflicting evidence is news. An open conflict of the same agent that shares a
 * candidate is the same situation seen again (a clone first becomes a new device, then both devices
 * carry the agent id): it is widened when the evidence names a device it did not, and left alone when
 * it names nothing new, so hourly uploads with the same evidence do not repeat it. A dismissed conflict
 * (the admin kept the devices separate) that names every device seen silences the same evidence.
 */
export type ConflictStep =
  | { kind: 'known' }
  | { kind: 'widen'; id: number; candidateIds: number[] }
  | { kind: 'record'; candidateIds: number[] };

export function conflictStep(open: { id: number; candidateIds: readonly number[]; dismissed?: boolean } | undefined, seen: readonly number[]): ConflictStep {
  if (!open) return { kind: 'record', candidateIds: [...seen] };
  // An admin kept these devices separate: the same evidence is not news (one naming more devices is).
  if (open.dismissed) return seen.every((id) => open.candidateIds.includes(id)) ? { kind: 'known' } : { kind: 'record', candidateIds: [...seen] };
  const known = new Set(open.candidateIds);
  if (seen.every((id) => known.has(id))) return { kind: 'known' };
  return { kind: 'widen', id: open.id, candidateIds: [...new Set([...open.candidateIds, ...seen])] };
}
