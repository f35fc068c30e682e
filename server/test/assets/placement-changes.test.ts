import { describe, expect, it } from 'vitest';
import { placementChanges, type Placement } from '../../src/assets/placement/placement-changes.js';
import { isOverdue } from '../../src/assets/checkouts/overdue.js';
import { stateCodeFor } from '../../src/assets/states/state-code.js';

const base: Placement = { state: 'in_stock', stateLabel: null, locationId: null, location: null, userId: null, user: null };

describe('placement history lines', () => {
  it('writes nothing when nothing changed', () => {
    expect(placementChanges(base, { ...base })).toEqual([]);
  });
  it('writes one coded line per changed thing, leaving out empty sides', () => {
    const lines = placementChanges(base, { state: 'loaned', stateLabel: 'Loaned out', locationId: 3, location: 'Paris / HQ', userId: 7, user: 'alice' });
    expect(lines.map((l) => [l.code, l.params])).toEqual([
      ['state-changed', { from: 'in_stock', to: 'loaned', toLabel: 'Loaned out' }],
      ['location-changed', { to: 'Paris / HQ' }],
      ['user-assigned', { to: 'alice' }],
    ]);
    expect(lines[0]).toMatchObject({ section: 'asset', item: 'state', old_value: 'in_stock', new_value: 'Loaned out' });
  });
});

describe('overdue check-outs', () => {
  const now = new Date('2026-12-10T08:00:00Z');
  it('is overdue only once the due day has ended, and only while open', () => {
    expect(isOverdue('2026-12-09', false, now)).toBe(true);
    expect(isOverdue('2026-12-10', false, now)).toBe(false);
    expect(isOverdue('2026-12-09', true, now)).toBe(false);
    expect(isOverdue(null, false, now)).toBe(false);
  });
});

describe('codes for added states', () => {
  it('derives a code from the label, unique against those taken', () => {
    expect(stateCodeFor("Prêté à l'extérieur", new Set())).toBe('prete_a_l_exterieur');
    expect(stateCodeFor('In use', new Set(['in_use']))).toBe('in_use_2');
    expect(stateCodeFor('!!!', new Set())).toBe('state');
  });
});
