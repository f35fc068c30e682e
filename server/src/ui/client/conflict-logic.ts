import type { ConflictDevice, ReconcileConflict } from '@parc/shared/api';

/**
 * What the conflicts page offers by default, pure (tested in server/test/ui). A refused takeover or a
 * reinstalled machine names the device the upload became (`chosenDeviceId`) first, then the device it
 * pointed at: merging keeps the older record (its tickets and history) and absorbs the new one, and the
 * kept record takes the agent that is still reporting, the new device's.
 */
export interface ConflictDefaults {
  keepId: number | null;
  absorbId: number | null;
  /** The agents the conflict's devices are bound to, then the uploading agent, without repeats. */
  agents: string[];
  /** The agent a reassignment binds by default: the uploading agent when known. */
  agentId: string | null;
}

export function conflictDefaults(c: Pick<ReconcileConflict, 'chosenDeviceId' | 'agentId' | 'devices'>): ConflictDefaults {
  const chosen = c.devices.find((d) => d.id === c.chosenDeviceId);
  const others = c.devices.filter((d) => d !== chosen);
  const keep = others[0] ?? null;
  const absorb = chosen ?? others[1] ?? null;
  const agents = [...new Set([...c.devices.map((d) => d.agentId), c.agentId].filter((a): a is string => a !== null))];
  return { keepId: keep?.id ?? null, absorbId: absorb && absorb !== keep ? absorb.id : null, agents, agentId: c.agentId ?? agents[0] ?? null };
}

/** How a device is named in the page's choices: `#12 ws-042`. */
export const deviceLabel = (d: Pick<ConflictDevice, 'id' | 'hostname'>) => `#${d.id} ${d.hostname}`;
