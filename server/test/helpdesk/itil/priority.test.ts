import { describe, expect, it } from 'vitest';
import {
  computePriority,
  decidePriority,
  GLPI_DEFAULT_PRIORITY_MATRIX,
  LEVELS,
  parsePriorityMatrix,
  priorityMatrixSchema,
  type PriorityActorRole,
  type PriorityMatrix,
} from '../../../src/helpdesk/itil/priority.js';

// GLPI's default, written out cell by cell as [urgency, impact, priority] so a transposed or shifted
// table in the module cannot pass.
const GLPI_CELLS: [number, number, number][] = [
  [1, 1, 1], [1, 2, 1], [1, 3, 2], [1, 4, 2], [1, 5, 2],
  [2, 1, 1], [2, 2, 2], [2, 3, 2], [2, 4, 3], [2, 5, 3],
  [3, 1, 2], [3, 2, 2], [3, 3, 3], [3, 4, 4], [3, 5, 4],
  [4, 1, 2], [4, 2, 3], [4, 3, 4], [4, 4, 4], [4, 5, 5],
  [5, 1, 2], [5, 2, 3], [5, 3, 4], [5, 4, 5], [5, 5, 5],
];

describe('computePriority with the GLPI default matrix', () => {
  it.each(GLPI_CELLS)('urgency %i × impact %i → %i', (urgency, impact, expected) => {
    expect(computePriority(urgency, impact)).toBe(expected);
  });

  it('covers all 25 cells', () => {
    expect(new Set(GLPI_CELLS.map(([u, i]) => `${u}/${i}`)).size).toBe(25);
  });

  it('never decreases when urgency or impact rises', () => {
    for (const u of LEVELS) {
      for (const i of LEVELS) {
        if (u < 5) expect(computePriority(u + 1, i)).toBeGreaterThanOrEqual(computePriority(u, i));
        if (i < 5) expect(computePriority(u, i + 1)).toBeGreaterThanOrEqual(computePriority(u, i));
      }
    }
  });

  it.each([[0, 3], [6, 3], [3, 0], [3, 6], [2.5, 3], [Number.NaN, 1]])('rejects urgency %s × impact %s', (u, i) => {
    expect(() => computePriority(u, i)).toThrow(RangeError);
  });
});

describe('computePriority with a custom matrix', () => {
  // Rows are urgency, columns impact: an asymmetric matrix tells the orientation apart.
  const urgencyOnly: PriorityMatrix = LEVELS.map((u) => LEVELS.map(() => u));
  it('reads matrix[urgency-1][impact-1]', () => {
    expect(computePriority(5, 1, urgencyOnly)).toBe(5);
    expect(computePriority(1, 5, urgencyOnly)).toBe(1);
  });
  it('refuses a hand-built matrix with a missing cell', () => {
    expect(() => computePriority(5, 5, [[1, 1, 1, 1, 1]])).toThrow(/urgency 5 × impact 5/);
  });
});

describe('priorityMatrixSchema / parsePriorityMatrix', () => {
  const clone = (): number[][] => GLPI_DEFAULT_PRIORITY_MATRIX.map((r) => [...r]);

  it('accepts the default matrix', () => {
    expect(priorityMatrixSchema.parse(clone())).toEqual(GLPI_DEFAULT_PRIORITY_MATRIX);
    expect(parsePriorityMatrix(clone())).toEqual({ ok: true, matrix: GLPI_DEFAULT_PRIORITY_MATRIX });
  });

  it.each([
    [0, 'must be at least 1'],
    [6, '6 (major) is set by admins'],
    [2.5, 'whole number'],
    ['3', 'must be a number'],
    [null, 'must be a number'],
  ])('names the cell when urgency 3 × impact 4 is %j', (bad, text) => {
    const m: unknown[][] = clone();
    m[2]![3] = bad;
    const r = parsePriorityMatrix(m);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.cell).toEqual({ urgency: 3, impact: 4 });
    expect(r.errors[0]!.field).toBe('priorityMatrix.2.3');
    expect(r.errors[0]!.message).toContain('urgency 3 × impact 4');
    expect(r.errors[0]!.message).toContain(text);
  });

  it('reports every bad cell, not just the first', () => {
    const m: unknown[][] = clone();
    m[0]![0] = 9;
    m[4]![4] = -1;
    const r = parsePriorityMatrix(m, 'config.matrix');
    expect(r.ok ? [] : r.errors.map((e) => [e.cell, e.field])).toEqual([
      [{ urgency: 1, impact: 1 }, 'config.matrix.0.0'],
      [{ urgency: 5, impact: 5 }, 'config.matrix.4.4'],
    ]);
  });

  it('rejects a short row naming the row', () => {
    const m = clone();
    m[1] = [1, 2, 3, 4];
    const r = parsePriorityMatrix(m);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]!.cell).toBeNull();
      expect(r.errors[0]!.message).toContain('urgency 2 row');
      expect(r.errors[0]!.message).toContain('5 cells');
    }
  });

  it.each([[[]], [null], ['matrix'], [[[1, 1, 1, 1, 1]]]])('rejects a malformed matrix %j', (input) => {
    const r = parsePriorityMatrix(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/priority matrix/);
  });

  it('rejects 6 rows', () => {
    expect(parsePriorityMatrix([...clone(), [1, 1, 1, 1, 1]]).ok).toBe(false);
  });
});

describe('decidePriority', () => {
  const base = { urgency: 5, impact: 5 } as const;
  const roles: PriorityActorRole[] = ['admin', 'technician', 'licence-manager', 'requester'];

  it.each(roles)('uses the matrix when nothing is requested (%s)', (actorRole) => {
    expect(decidePriority({ ...base, actorRole })).toEqual({ ok: true, priority: 5 });
    expect(decidePriority({ urgency: 1, impact: 1, actorRole, current: 4 })).toEqual({ ok: true, priority: 1 });
  });

  it('keeps a major ticket major when urgency changes', () => {
    expect(decidePriority({ urgency: 1, impact: 1, current: 6, actorRole: 'technician' })).toEqual({ ok: true, priority: 6 });
  });

  it('uses a custom matrix', () => {
    const ones: PriorityMatrix = LEVELS.map(() => LEVELS.map(() => 1));
    expect(decidePriority({ ...base, actorRole: 'admin', matrix: ones })).toEqual({ ok: true, priority: 1 });
  });

  it.each([
    ['admin', 6, true],
    ['technician', 6, false],
    ['requester', 6, false],
    ['licence-manager', 6, false],
    ['admin', 2, true],
    ['technician', 2, true],
    ['requester', 2, false],
    ['licence-manager', 2, false],
  ] as const)('%s requesting %i → allowed %s', (actorRole, requested, allowed) => {
    const r = decidePriority({ ...base, current: 5, requested, actorRole });
    expect(r.ok).toBe(allowed);
    if (r.ok) expect(r.priority).toBe(requested);
    else expect(r.code).toBe('forbidden');
  });

  it('only an admin lowers a major ticket', () => {
    expect(decidePriority({ ...base, current: 6, requested: 3, actorRole: 'technician' }).ok).toBe(false);
    expect(decidePriority({ ...base, current: 6, requested: 3, actorRole: 'admin' })).toEqual({ ok: true, priority: 3 });
  });

  it('accepts a requester re-sending the current priority unchanged', () => {
    expect(decidePriority({ ...base, current: 6, requested: 6, actorRole: 'requester' })).toEqual({ ok: true, priority: 6 });
  });
});
