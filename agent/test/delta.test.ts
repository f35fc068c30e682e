import { describe, expect, it } from 'vitest';
import type { Inventory } from '@parc/shared';
import { hashSection, planUpload, stableStringify } from '../src/delta.js';
import type { Baseline } from '../src/delta.js';

const server = 'https://parc.test';
const base: Inventory = {
  schemaVersion: 1,
  agentId: 'a1',
  collectedAt: '2026-11-28T10:00:00.000Z',
  hostname: 'ws-1',
  os: { platform: 'linux', name: 'Debian' },
  cpus: [{ model: 'X', cores: 4 }],
  volumes: [{ mount: '/', sizeBytes: 100, freeBytes: 50 }],
  users: [],
};
const at = (iso: string) => ({ ...base, collectedAt: iso });

function accept(inv: Inventory, baseline?: Baseline, now = new Date(inv.collectedAt)) {
  return planUpload({ inventory: inv, baseline, server, fullEveryDays: 7, now });
}

describe('stableStringify / hashSection', () => {
  it('ignores key order and undefined fields', () => {
    expect(stableStringify({ b: 1, a: [{ y: 2, x: undefined, z: null }] })).toBe('{"a":[{"y":2,"z":null}],"b":1}');
    expect(hashSection('os', { name: 'D', platform: 'linux' })).toBe(hashSection('os', { platform: 'linux', name: 'D' }));
  });
  it('does not diff free space', () => {
    expect(hashSection('volumes', [{ mount: '/', freeBytes: 1 }])).toBe(hashSection('volumes', [{ mount: '/', freeBytes: 2 }]));
    expect(hashSection('volumes', [{ mount: '/', sizeBytes: 1 }])).not.toBe(hashSection('volumes', [{ mount: '/', sizeBytes: 2 }]));
  });
});

describe('planUpload', () => {
  it('sends a full inventory the first time', () => {
    const plan = accept(base);
    expect(plan.kind).toBe('full');
    expect(plan.payload.sections).toBeUndefined();
    expect(plan.payload.cpus).toEqual(base.cpus);
    expect(plan.nextBaseline.lastFullAt).toBe(base.collectedAt);
  });
  it('sends a bare check-in when nothing changed', () => {
    const first = accept(base).nextBaseline;
    const plan = accept(at('2026-11-28T11:00:00.000Z'), first);
    expect(plan.kind).toBe('check-in');
    expect(plan.payload.sections).toEqual([]);
    expect(plan.payload.cpus).toBeUndefined();
    expect(plan.payload.os).toBeUndefined();
    expect(plan.payload.hostname).toBe('ws-1');
  });
  it('sends only the changed sections', () => {
    const first = accept(base).nextBaseline;
    const plan = accept({ ...at('2026-11-28T11:00:00.000Z'), cpus: [{ model: 'X', cores: 8 }] }, first);
    expect(plan.kind).toBe('partial');
    expect(plan.payload.sections).toEqual(['cpus']);
    expect(plan.payload.cpus).toEqual([{ model: 'X', cores: 8 }]);
    expect(plan.payload.os).toBeUndefined();
  });
  it('goes full again after fullEvery days, or for another server/agent', () => {
    const first = accept(base).nextBaseline;
    expect(accept(at('2026-12-05T10:00:00.000Z'), first).kind).toBe('full');
    expect(accept(at('2026-12-05T09:59:00.000Z'), first).kind).toBe('check-in');
    expect(planUpload({ inventory: base, baseline: first, server: 'https://other', fullEveryDays: 7, now: new Date() }).kind).toBe('full');
    expect(accept({ ...base, agentId: 'a2' }, first).kind).toBe('full');
  });
  it('neither sends nor advances a failed section', () => {
    const first = accept(base).nextBaseline;
    const failed: Inventory = {
      ...at('2026-11-28T11:00:00.000Z'),
      cpus: undefined,
      failedSections: [{ section: 'cpus', error: 'timed out' }],
    };
    const plan = accept(failed, first);
    expect(plan.kind).toBe('check-in');
    expect(plan.payload.cpus).toBeUndefined();
    expect(plan.payload.failedSections).toEqual([{ section: 'cpus', error: 'timed out' }]);
    expect(plan.nextBaseline.hashes.cpus).toBe(first.hashes.cpus);
    // Also on a full one: the failed section keeps its old hash.
    const full = accept({ ...failed, collectedAt: '2026-12-30T00:00:00.000Z' }, first);
    expect(full.kind).toBe('full');
    expect(full.nextBaseline.hashes.cpus).toBe(first.hashes.cpus);
  });
  it('a section that failed on the first full one is sent once it works', () => {
    const first = accept({ ...base, cpus: undefined, failedSections: [{ section: 'cpus', error: 'x' }] }).nextBaseline;
    expect(first.hashes.cpus).toBeUndefined();
    const plan = accept(at('2026-11-28T11:00:00.000Z'), first);
    expect(plan.sections).toEqual(['cpus']);
  });
});
