import type { Inventory } from '@parc/shared';
import { physicalMacs } from './identity-blacklist.js';
import { cleanIdentity, type IncomingIdentity } from './reconcile.js';

/**
 * The match step's pure parts: which identifiers an inventory offers (only from the sections it
 * carries) and which locks serialise it. Matching itself is `reconcile` (reconcile.ts).
 */

/** The identity an inventory claims; `agentId` is the authenticated agent's, not the payload's. */
export function incomingIdentity(inv: Inventory, carried: ReadonlySet<string>, agentId: string): IncomingIdentity {
  return {
    agentId,
    serial: carried.has('hardware') ? inv.hardware?.serial : undefined,
    uuid: carried.has('hardware') ? inv.hardware?.uuid : undefined,
    macs: carried.has('networks') ? physicalMacs(inv.networks ?? []) : [],
    hostname: inv.hostname,
  };
}

/**
 * Every identifier the inventory could be matched on: uploads sharing any of them are serialised, so
 * two racing uploads of one machine (same agent, or an old and a reinstalled agent) never both create it.
 */
export function identityLockKeys(incoming: IncomingIdentity): string[] {
  const id = cleanIdentity(incoming);
  return [
    `agent:${incoming.agentId ?? ''}`,
    ...(id.serial ? [`serial:${id.serial}`] : []),
    ...(id.uuid ? [`uuid:${id.uuid}`] : []),
    ...id.macs.map((m) => `mac:${m}`),
    ...(id.hostname ? [`host:${(id.hostname.split('.')[0] ?? '').toLowerCase()}`] : []),
  ];
}
