import { describe, expect, it } from 'vitest';
import { carriedSections, inventorySchema, type Inventory, type InventoryInput } from '@parc/shared';
import { changedWrite, derivedColumns, isUnchanged, mergeManualRecord, unchangedWrite, type IngestInput } from '../../../src/inventory/ingest/device-write.js';
import { diffInventory, emptyFacts, type DeviceFacts, type StoredDevice } from '../../../src/inventory/ingest/diff.js';
import { incomingIdentity } from '../../../src/inventory/ingest/match.js';
import { reconcile } from '../../../src/inventory/ingest/reconcile.js';
import { sectionHashes } from '../../../src/inventory/ingest/section-hashes.js';
import { makeInventory } from '../../helpers/inventory-factory.js';

const NOW = new Date('2026-03-02T08:00:00.000Z');
const PEOPLE_COLUMNS = ['location', 'status', 'owner', 'asset_tag', 'notes'];

const parse = (input: InventoryInput): Inventory => inventorySchema.parse(input);

/** An inventory on its way in, matched against the given stored identities (none: a new device). */
function inputOf(inv: Inventory, agentId = 'agent-1'): IngestInput {
  const sections = carriedSections(inv);
  const match = reconcile(incomingIdentity(inv, new Set(sections), agentId), []);
  return { inv, sections, hashes: sectionHashes(inv, sections), match, agentId, now: NOW };
}

/** What the writer would hold after storing `inv` on an empty device. */
function storedFrom(inv: Inventory): StoredDevice {
  const cs = diffInventory({ facts: emptyFacts(inv.hostname), components: [], software: [] }, inv, carriedSections(inv));
  let versionId = 0;
  return {
    facts: { ...emptyFacts(inv.hostname), ...cs.facts } as DeviceFacts,
    components: cs.components.upsert,
    software: cs.software.add.map((a) => ({ versionId: ++versionId, nameKey: a.nameKey, publisherKey: a.publisherKey, name: a.name, version: a.version, arch: a.arch, source: a.source, installDate: a.installDate })),
  };
}

describe('isUnchanged', () => {
  const inv = parse(makeInventory({ packages: 5 }));
  const hashes = sectionHashes(inv, carriedSections(inv));
  it('is true when the name and every carried section hash as stored', () => {
    expect(isUnchanged({ id: 1, hostname: inv.hostname, sectionHashes: hashes }, inv, hashes)).toBe(true);
  });
  it('is false for a renamed machine or a changed section', () => {
    expect(isUnchanged({ id: 1, hostname: 'other-name', sectionHashes: hashes }, inv, hashes)).toBe(false);
    expect(isUnchanged({ id: 1, hostname: inv.hostname, sectionHashes: { ...hashes, software: 'x' } }, inv, hashes)).toBe(false);
  });
  it('is false for a device stored before section hashes existed', () => {
    expect(isUnchanged({ id: 1, hostname: inv.hostname, sectionHashes: {} }, inv, hashes)).toBe(false);
  });
});

describe('unchangedWrite', () => {
  it('writes last seen, the match and free space, and nothing else', () => {
    const inv = parse(makeInventory({ packages: 5 }));
    const w = unchangedWrite(inputOf(inv), { id: 7, hostname: inv.hostname, sectionHashes: {} });
    expect(w).toEqual({
      status: 'unchanged',
      deviceId: 7,
      counts: { added: 0, removed: 0, changed: 0 },
      columns: {
        agent_id: 'agent-1',
        match_rule: 'new',
        matched_at: NOW,
        last_seen_at: NOW,
        agent_version: '0.1.0',
        volume_usage: JSON.stringify({ '/': 200_000_000_001, '/boot/efi': 500_000_000 }),
      },
    });
  });

  it('leaves free space alone when the volumes section is not carried', () => {
    const inv = parse({ ...makeInventory({ packages: 5 }), sections: ['software'] });
    expect(unchangedWrite(inputOf(inv), { id: 7, hostname: inv.hostname, sectionHashes: {} }).columns).not.toHaveProperty('volume_usage');
  });
});

describe('changedWrite', () => {
  it('a new device: its whole row at once, dated now, and one history line instead of one per item', () => {
    const inv = parse(makeInventory({ packages: 4 }));
    const input = inputOf(inv);
    const w = changedWrite(input, undefined);
    expect(w.status).toBe('created');
    if (w.status !== 'created') return;
    expect(w.columns).toMatchObject({
      hostname: inv.hostname,
      manufacturer: 'LENOVO',
      raw_serial: inv.hardware!.serial,
      serial: inv.hardware!.serial!.toUpperCase(),
      os_name: 'Debian GNU/Linux',
      last_user: 'alice',
      ipv4: ['10.1.0.1', '172.17.0.1'],
      match_rule: 'new',
      first_seen_at: NOW,
      last_seen_at: NOW,
      last_inventory_at: NOW,
      updated_at: NOW,
    });
    expect(JSON.parse(w.columns.section_hashes as string)).toEqual(input.hashes);
    expect(w.columns).not.toHaveProperty('serial_raw');
    expect(w.history).toEqual([
      { section: 'device', kind: 'added', item: 'first inventory', old: null, new: `${w.changeSet.components.upsert.length} components, 4 software`, code: 'first-inventory', params: { components: w.changeSet.components.upsert.length, software: 4 } },
    ]);
    expect(w.changeSet.software.add).toHaveLength(4);
    expect(w.counts).toEqual(w.changeSet.counts);
  });

  it('a known device: only what differs, its history, and the hashes of sections not carried kept', () => {
    const before = parse(makeInventory({ packages: 4 }));
    const after = parse({ ...makeInventory({ packages: 3 }), sections: ['os', 'software'], os: { ...before.os!, version: '13' } });
    const w = changedWrite(inputOf(after), { header: { id: 7, hostname: before.hostname, sectionHashes: { hardware: 'h', os: 'o' } }, device: storedFrom(before) });
    expect(w.status).toBe('updated');
    if (w.status !== 'updated') return;
    expect(w.deviceId).toBe(7);
    expect(w.columns).toMatchObject({ os_version: '13', last_inventory_at: NOW, updated_at: NOW });
    // Sections it does not carry are neither compared nor rewritten.
    expect(w.columns).not.toHaveProperty('manufacturer');
    expect(w.columns).not.toHaveProperty('serial');
    expect(w.columns).not.toHaveProperty('last_user');
    expect(w.columns).not.toHaveProperty('first_seen_at');
    expect(JSON.parse(w.columns.section_hashes as string)).toEqual({ hardware: 'h', os: sectionHashes(after, ['os']).os, software: sectionHashes(after, ['software']).software });
    expect(w.history).toEqual(w.changeSet.history);
    expect(w.history.map((h) => `${h.section} ${h.kind}`).sort()).toEqual(['os changed', 'software removed']);
    expect(w.counts).toEqual({ added: 0, removed: 1, changed: 1 });
  });

  it('never writes a column people own', () => {
    const inv = parse(makeInventory({ packages: 2 }));
    const writes = [
      changedWrite(inputOf(inv), undefined),
      changedWrite(inputOf(inv), { header: { id: 1, hostname: 'old', sectionHashes: {} }, device: storedFrom(parse(makeInventory({ seed: 2 }))) }),
      unchangedWrite(inputOf(inv), { id: 1, hostname: inv.hostname, sectionHashes: {} }),
    ];
    for (const w of writes) for (const c of PEOPLE_COLUMNS) expect(w.columns, `${w.status} ${c}`).not.toHaveProperty(c);
  });
});

describe('derivedColumns', () => {
  const identity = (inv: Inventory) => reconcile(incomingIdentity(inv, new Set(carriedSections(inv)), 'a'), []).identity;
  it('prefers the logged-in user, with its domain', () => {
    const inv = parse({ ...makeInventory({ packages: 0 }), users: [{ username: 'bob', type: 'last' }, { username: 'carol', domain: 'CORP', type: 'logged-in' }] });
    expect(derivedColumns(inv, new Set(['users']), identity(inv))).toEqual({ last_user: 'CORP\\carol' });
  });
  it('lists each IPv4 address once, sorted, and the physical MACs only', () => {
    const inv = parse(makeInventory({ packages: 0 }));
    inv.networks![1]!.ipv4 = ['10.1.0.1', '10.0.0.9'];
    expect(derivedColumns(inv, new Set(['networks']), identity(inv))).toEqual({ ipv4: ['10.0.0.9', '10.1.0.1'], macs: ['54:e1:ad:00:00:01'] });
  });
});

describe('mergeManualRecord', () => {
  const inv = parse(makeInventory({ packages: 3 }));
  const stored = { id: 9, hostname: 'Accounting laptop', sectionHashes: {} };
  it('makes the record the agent\'s and says so first in its history, writing no people column', () => {
    const w = mergeManualRecord(changedWrite(inputOf(inv), { header: stored, device: { facts: emptyFacts('Accounting laptop'), components: [], software: [] } }), { name: 'Accounting laptop', serial: 'PF300001' });
    expect(w.status).toBe('updated');
    if (w.status !== 'updated') return;
    expect(w.columns.source).toBe('agent');
    expect(w.history[0]).toMatchObject({ code: 'merged-manual-record', params: { name: 'Accounting laptop', serial: 'PF300001' } });
    expect(w.history.length).toBeGreaterThan(1);
    for (const c of [...PEOPLE_COLUMNS, 'state', 'location_id', 'user_id']) expect(w.columns).not.toHaveProperty(c);
  });
  it('leaves other writes alone', () => {
    const w = unchangedWrite(inputOf(inv), { id: 7, hostname: inv.hostname, sectionHashes: {} });
    expect(mergeManualRecord(w, { name: 'x', serial: null })).toBe(w);
  });
});
