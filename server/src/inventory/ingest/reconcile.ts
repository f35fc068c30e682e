import { cleanMac, cleanSerial, cleanUuid, isSharedOrVirtualMac } from './identity-blacklist.js';

/**
 * Which stored device an incoming inventory belongs to. Pure: the caller loads candidate identities and
 * applies the result.
 *
 * Rules, strongest first: the agent's own id; serial and UUID together; serial; UUID; a physical MAC;
 * the short hostname. Every value is cleaned first (placeholders never match), on both sides, so a value
 * stored before it was blacklisted stops matching too.
 *
 * Hardware ids veto weaker evidence. A stored device whose clean serial differs from the incoming one is
 * another machine, whatever else matches; when the serial cannot be compared (missing on either side), a
 * differing UUID vetoes the same way. Serial outranks UUID: a board replacement keeps the serial (the
 * technician reprograms it) but may change the UUID, while clones and templated VMs repeat UUIDs.
 *
 * The agent id is software state and can be copied with a disk image or a restored backup. When hardware
 * ids veto it, the inventory is treated as another machine (its clean serial or UUID says so), and the
 * agent-id device is reported in `conflict` so an operator sees the cloned agent state.
 *
 * Nothing is ever merged: when the evidence points at several devices, the strongest rule wins (ties: most
 * recent `lastSeenAt`, then lowest id) and `conflict` lists every candidate with the reason. Devices
 * matching only by hostname are not reported when a stronger rule won, because hostnames are reused.
 *
 * Trust: a device bound to an active (enrolled, not revoked) agent is matched only by that agent's id.
 * Everything else an upload carries (serial, UUID, MAC, hostname) can be read off the machine or the
 * network and copied, while the agent's key is proven; so another agent's, or a legacy agent's, upload
 * never takes such a device, whatever it claims. It is `guarded`: reported in `conflict`, and when it
 * holds the strongest evidence the upload becomes a new device (no fallback to weaker evidence pointing
 * elsewhere). An admin merges or reassigns. A device bound to nothing, to a legacy identity or to a
 * revoked agent is matched on any rule, as its agent is gone or never proved anything.
 *
 * Asset register: only computers are candidates (a monitor with the computer's serial is another asset).
 * A computer people registered by hand (source manual) is taken on its serial only: its name is whatever
 * a person typed, so a hostname or a guess is no evidence; the serial makes the two records one asset.
 */

export interface IncomingIdentity {
  agentId?: string;
  serial?: string;
  uuid?: string;
  /** Raw MACs, ideally already `physicalMacs(...)` of the inventory; cleaned and filtered again here. */
  macs: string[];
  hostname?: string;
}

export interface StoredIdentity {
  id: number;
  agentId: string | null;
  serial: string | null;
  uuid: string | null;
  macs: string[];
  hostname: string | null;
  lastSeenAt: Date;
  /** `agentId` names an enrolled Parc agent that is not revoked: only that agent may match the device. */
  agentActive: boolean;
  /** Asset type (default computer): only computers are what an inventory describes. */
  type?: string;
  /** Where the record came from (default agent): a manual record is taken on its serial only. */
  source?: string;
}

/** The cleaned identity, shaped like the stored columns so it can be written back as is. */
export interface CleanIdentity {
  agentId: string | null;
  /** Upper-case, see `cleanSerial`. */
  serial: string | null;
  /** Lower-case 8-4-4-4-12. */
  uuid: string | null;
  /** Physical unicast MACs, lower-case colon form, deduplicated and sorted. */
  macs: string[];
  /** Trimmed, trailing dot removed, case kept for display; compared case-insensitively on the short name. */
  hostname: string | null;
}

export type MatchRule = 'agent-id' | 'serial+uuid' | 'serial' | 'uuid' | 'mac' | 'hostname' | 'new';

export interface ReconcileConflict {
  /** The chosen device first (when there is one), then the others in rule order. */
  candidates: number[];
  reason: string;
  /** Devices the evidence pointed at but that are bound to another active agent (not taken). */
  refused?: number[];
}

export interface ReconcileResult {
  deviceId: number | null;
  rule: MatchRule;
  conflict?: ReconcileConflict;
  identity: CleanIdentity;
}

/** Rule order; the index is the rule's rank (lower wins). */
export const MATCH_RULES = ['agent-id', 'serial+uuid', 'serial', 'uuid', 'mac', 'hostname'] as const;
type DeviceRule = (typeof MATCH_RULES)[number];

/**
 * Hostnames that every unconfigured machine has: matching on them would merge strangers.
 * Compared on the lower-case short name.
 */
export const JUNK_HOSTNAMES: ReadonlySet<string> = new Set(['localhost', '(none)', 'unknown', 'none']);

function cleanAgentId(a?: string | null): string | null {
  const v = a?.trim() ?? '';
  return v === '' ? null : v;
}

function cleanHostname(h?: string | null): string | null {
  const v = (h ?? '').trim().replace(/\.+$/, '');
  if (v === '' || JUNK_HOSTNAMES.has(shortName(v))) return null;
  return v;
}

/** Lower-case label before the first dot: `WS-042.corp.example.com` and `ws-042` are one host. */
function shortName(hostname: string): string {
  return (hostname.split('.')[0] ?? '').toLowerCase();
}

function cleanMacs(macs: readonly string[]): string[] {
  const out = new Set<string>();
  for (const m of macs) {
    const c = cleanMac(m);
    if (c !== undefined && !isSharedOrVirtualMac(c)) out.add(c);
  }
  return [...out].sort();
}

/** Cleans every identifier: placeholders become null, the rest get their canonical spelling. */
export function cleanIdentity(incoming: IncomingIdentity): CleanIdentity {
  return {
    agentId: cleanAgentId(incoming.agentId),
    serial: cleanSerial(incoming.serial) ?? null,
    uuid: cleanUuid(incoming.uuid) ?? null,
    macs: cleanMacs(incoming.macs),
    hostname: cleanHostname(incoming.hostname),
  };
}

function cleanStored(s: StoredIdentity): CleanIdentity {
  return cleanIdentity({
    agentId: s.agentId ?? undefined,
    serial: s.serial ?? undefined,
    uuid: s.uuid ?? undefined,
    macs: s.macs,
    hostname: s.hostname ?? undefined,
  });
}

const differs = (a: string | null, b: string | null): boolean => a !== null && b !== null && a !== b;

/** Why the stored device cannot be the incoming machine, or null when nothing contradicts. */
function hardwareVeto(inc: CleanIdentity, st: CleanIdentity): string | null {
  if (differs(inc.serial, st.serial)) return `serial ${inc.serial} ≠ ${st.serial}`;
  const serialsCompared = inc.serial !== null && st.serial !== null;
  if (!serialsCompared && differs(inc.uuid, st.uuid)) return `UUID ${inc.uuid} ≠ ${st.uuid}`;
  return null;
}

/** The strongest rule linking the two identities, ignoring vetoes. */
function strongestRule(inc: CleanIdentity, st: CleanIdentity): DeviceRule | null {
  const same = (a: string | null, b: string | null) => a !== null && a === b;
  if (same(inc.agentId, st.agentId)) return 'agent-id';
  if (same(inc.serial, st.serial) && same(inc.uuid, st.uuid)) return 'serial+uuid';
  if (same(inc.serial, st.serial)) return 'serial';
  if (same(inc.uuid, st.uuid)) return 'uuid';
  if (inc.macs.some((m) => st.macs.includes(m))) return 'mac';
  if (inc.hostname !== null && st.hostname !== null && shortName(inc.hostname) === shortName(st.hostname)) {
    return 'hostname';
  }
  return null;
}

/** What a rule matched on, for the conflict reason. */
function evidence(rule: DeviceRule, inc: CleanIdentity, st: CleanIdentity): string {
  switch (rule) {
    case 'agent-id':
      return `agent id ${inc.agentId}`;
    case 'serial+uuid':
      return `serial ${inc.serial} and UUID ${inc.uuid}`;
    case 'serial':
      return `serial ${inc.serial}`;
    case 'uuid':
      return `UUID ${inc.uuid}`;
    case 'mac':
      return `MAC ${inc.macs.filter((m) => st.macs.includes(m)).join(', ')}`;
    case 'hostname':
      return `hostname ${shortName(inc.hostname ?? '')}`;
  }
}

interface Candidate {
  device: StoredIdentity;
  rule: DeviceRule;
  rank: number;
  evidence: string;
}

/** Rank, then most recently seen, then lowest id: the same input always picks the same device. */
function compareCandidates(a: Candidate, b: Candidate): number {
  return a.rank - b.rank || b.device.lastSeenAt.getTime() - a.device.lastSeenAt.getTime() || a.device.id - b.device.id;
}

/** The agent guarding the device against this upload: its active agent when that is another one. */
function guardingAgent(device: StoredIdentity, st: CleanIdentity, inc: CleanIdentity): string | null {
  return device.agentActive && st.agentId !== null && st.agentId !== inc.agentId ? st.agentId : null;
}

export function reconcile(incoming: IncomingIdentity, stored: readonly StoredIdentity[]): ReconcileResult {
  const identity = cleanIdentity(incoming);
  const matches: Candidate[] = [];
  const guarded: (Candidate & { agentId: string })[] = [];
  const vetoed: { device: StoredIdentity; evidence: string; veto: string }[] = [];

  for (const device of stored) {
    if ((device.type ?? 'computer') !== 'computer') continue;
    const st = cleanStored(device);
    const rule = strongestRule(identity, st);
    if (rule === null) continue;
    if (device.source === 'manual' && rule !== 'serial' && rule !== 'serial+uuid') continue;
    const veto = hardwareVeto(identity, st);
    if (veto !== null) {
      // Only a vetoed agent id is news (cloned agent state); a vetoed UUID/MAC/hostname is expected
      // (clones, shared dongles, reused names) and not worth an operator's attention.
      if (rule === 'agent-id') vetoed.push({ device, evidence: evidence(rule, identity, st), veto });
      continue;
    }
    const candidate = { device, rule, rank: MATCH_RULES.indexOf(rule), evidence: evidence(rule, identity, st) };
    const guard = guardingAgent(device, st, identity);
    if (guard !== null) guarded.push({ ...candidate, agentId: guard });
    else matches.push(candidate);
  }

  matches.sort(compareCandidates);
  guarded.sort(compareCandidates);
  // The strongest evidence pointing at a guarded device makes this another device: falling back to a
  // weaker match elsewhere would hand a third device to the upload on the evidence that was refused.
  const winner = matches[0] !== undefined && (guarded[0] === undefined || matches[0].rank <= guarded[0].rank) ? matches[0] : undefined;
  // Hostname-only matches compete with each other, not with stronger evidence.
  const rivals = (winner ? matches.slice(1) : []).filter((c) => c.rule !== 'hostname' || winner?.rule === 'hostname');
  const refused = guarded.filter((c) => c.rule !== 'hostname' || winner === undefined || winner.rule === 'hostname');
  // Unguarded matches passed over because a guarded device held stronger evidence are worth a look too.
  const passedOver = winner ? [] : matches.filter((c) => c.rule !== 'hostname');

  const reasons: string[] = [];
  if (winner !== undefined && rivals.length > 0) {
    reasons.push(
      `${winner.evidence} matches device ${winner.device.id} (chosen: rule ${winner.rule}); ` +
        rivals.map((r) => `${r.evidence} matches device ${r.device.id}`).join('; '),
    );
  }
  for (const g of refused) {
    reasons.push(
      `${g.evidence} matches device ${g.device.id}, which is bound to active agent ${g.agentId}: ` +
        'only that agent may update it' + (winner === undefined ? '; recorded as a new device' : ''),
    );
  }
  if (passedOver.length > 0) {
    reasons.push(`${passedOver.map((c) => `${c.evidence} matches device ${c.device.id}`).join('; ')} (weaker evidence, not used)`);
  }
  for (const v of vetoed) {
    reasons.push(
      `${v.evidence} belongs to device ${v.device.id}, but ${v.veto}: another machine carries that agent's ` +
        'state (cloned or restored image)' +
        (winner === undefined ? '; treated as a new device' : ''),
    );
  }

  const result: ReconcileResult = {
    deviceId: winner?.device.id ?? null,
    rule: winner?.rule ?? 'new',
    identity,
  };
  if (reasons.length > 0) {
    const ids = [
      ...(winner ? [winner.device.id] : []),
      ...rivals.map((r) => r.device.id),
      ...refused.map((g) => g.device.id),
      ...passedOver.map((c) => c.device.id),
      ...vetoed.map((v) => v.device.id),
    ];
    result.conflict = { candidates: [...new Set(ids)], reason: reasons.join('. ') };
    if (refused.length > 0) result.conflict.refused = refused.map((g) => g.device.id);
  }
  return result;
}
