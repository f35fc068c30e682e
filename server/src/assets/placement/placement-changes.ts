/**
 * The history lines a change of state, location or assigned user writes: a code and parameters the
 * interface words in the reader's language (server/src/ui/client/changes.ts), with English text kept in
 * item/old/new for API clients. Pure.
 */

export interface Placement {
  state: string;
  /** An added state's label (null for built-ins). */
  stateLabel: string | null;
  locationId: number | null;
  /** The location's full path at the time. */
  location: string | null;
  userId: number | null;
  /** The user's username at the time. */
  user: string | null;
}

export interface PlacementChangeLine {
  section: 'asset';
  kind: 'changed';
  item: 'state' | 'location' | 'user';
  old_value: string | null;
  new_value: string | null;
  code: 'state-changed' | 'location-changed' | 'user-assigned';
  params: Record<string, string | number>;
}

const present = (o: Record<string, string | number | null>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)) as Record<string, string | number>;

export function placementChanges(before: Placement, after: Placement): PlacementChangeLine[] {
  const lines: PlacementChangeLine[] = [];
  if (before.state !== after.state) {
    lines.push({
      section: 'asset',
      kind: 'changed',
      item: 'state',
      old_value: before.stateLabel ?? before.state,
      new_value: after.stateLabel ?? after.state,
      code: 'state-changed',
      params: present({ from: before.state, to: after.state, fromLabel: before.stateLabel, toLabel: after.stateLabel }),
    });
  }
  if (before.locationId !== after.locationId) {
    lines.push({ section: 'asset', kind: 'changed', item: 'location', old_value: before.location, new_value: after.location, code: 'location-changed', params: present({ from: before.location, to: after.location }) });
  }
  if (before.userId !== after.userId) {
    lines.push({ section: 'asset', kind: 'changed', item: 'user', old_value: before.user, new_value: after.user, code: 'user-assigned', params: present({ from: before.user, to: after.user }) });
  }
  return lines;
}
