import { describe, expect, it } from 'vitest';
import { carriedSections, parseInventoryLenient } from '../src/index.js';

const base = {
  schemaVersion: 1,
  agentId: 'agent-1',
  collectedAt: '2026-11-28T10:00:00Z',
  hostname: 'ws-001',
};

describe('parseInventoryLenient', () => {
  it('accepts a minimal inventory and ignores unknown keys', () => {
    const r = parseInventoryLenient({ ...base, surprise: { a: 1 } });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.inventory).not.toHaveProperty('surprise');
      expect(r.warnings).toEqual([]);
    }
  });

  it.each(['schemaVersion', 'agentId', 'collectedAt', 'hostname'])('rejects a missing %s, naming it', (field) => {
    const input: Record<string, unknown> = { ...base };
    delete input[field];
    const r = parseInventoryLenient(input);
    expect(r).toMatchObject({ ok: false, field });
  });

  it('rejects a schemaVersion it does not know', () => {
    expect(parseInventoryLenient({ ...base, schemaVersion: 7 })).toMatchObject({ ok: false, field: 'schemaVersion' });
  });

  it('rejects non-objects', () => {
    expect(parseInventoryLenient([1, 2])).toMatchObject({ ok: false, field: '(body)' });
    expect(parseInventoryLenient(null)).toMatchObject({ ok: false });
  });

  it('drops an invalid optional value with a warning and keeps the rest', () => {
    const r = parseInventoryLenient({
      ...base,
      hardware: { serial: 'ABC', biosDate: 'not a date', manufacturer: 42 },
      software: [{ name: 'Firefox', version: '128', installDate: 'yesterday-ish' }],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.inventory.hardware).toEqual({ serial: 'ABC' });
    expect(r.inventory.software?.[0]).toMatchObject({ name: 'Firefox', version: '128', source: 'other' });
    expect(r.inventory.software?.[0]?.installDate).toBeUndefined();
    expect(r.warnings.map((w) => w.path).sort()).toEqual([
      'hardware.biosDate',
      'hardware.manufacturer',
      'software.0.installDate',
    ]);
  });

  it('drops an array item that lacks a required field, keeping its neighbours in order', () => {
    const r = parseInventoryLenient({
      ...base,
      software: [{ name: 'a' }, { version: '1' }, { name: 'c', source: 'nonsense' }, { name: 'd' }],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.inventory.software?.map((s) => s.name)).toEqual(['a', 'c', 'd']);
    expect(r.warnings.some((w) => w.path === 'software.1' && /item dropped/.test(w.message))).toBe(true);
    expect(r.warnings.some((w) => w.path === 'software.2.source')).toBe(true);
  });

  it('marks a section of the wrong shape as failed so stored data is kept', () => {
    const r = parseInventoryLenient({ ...base, software: 'lots', cpus: [{ model: 'x' }] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.inventory.software).toBeUndefined();
    expect(r.inventory.failedSections).toEqual([{ section: 'software', error: expect.any(String) }]);
    expect(carriedSections(r.inventory)).not.toContain('software');
    expect(carriedSections(r.inventory)).toContain('cpus');
  });

  it('rejects a bad sections list rather than guessing', () => {
    expect(parseInventoryLenient({ ...base, sections: ['software', 'bogus'] })).toMatchObject({
      ok: false,
      field: 'sections.1',
    });
  });

  it('normalises dates to ISO 8601', () => {
    const r = parseInventoryLenient({ ...base, collectedAt: '2026-11-28 10:00:00Z', os: { platform: 'linux', installDate: '2024-01-05' } });
    expect(r.ok && r.inventory.collectedAt).toBe('2026-11-28T10:00:00.000Z');
    expect(r.ok && r.inventory.os?.installDate).toBe('2024-01-05T00:00:00.000Z');
  });

  it('does not mutate its input', () => {
    const input = { ...base, hardware: { serial: 5 } };
    parseInventoryLenient(input);
    expect(input.hardware.serial).toBe(5);
  });
});

describe('carriedSections', () => {
  it('a full inventory carries every section but the failed ones', () => {
    const s = carriedSections({ failedSections: [{ section: 'software', error: 'timeout' }] });
    expect(s).toHaveLength(12);
    expect(s).not.toContain('software');
  });
  it('a partial inventory carries only its sections; a check-in carries none', () => {
    expect(carriedSections({ sections: ['software'] })).toEqual(['software']);
    expect(carriedSections({ sections: [] })).toEqual([]);
  });
});
