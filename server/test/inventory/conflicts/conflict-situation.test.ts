import { describe, expect, it } from 'vitest';
import { conflictStep } from '../../../src/inventory/conflicts/conflict-situation.js';

describe('conflictStep', () => {
  it('records a conflict when none is open', () => {
    expect(conflictStep(undefined, [3, 1])).toEqual({ kind: 'record', candidateIds: [3, 1] });
  });

  it('the same evidence again is known: not repeated', () => {
    expect(conflictStep({ id: 9, candidateIds: [1, 3] }, [3, 1])).toEqual({ kind: 'known' });
    expect(conflictStep({ id: 9, candidateIds: [1, 2, 3] }, [3])).toEqual({ kind: 'known' });
  });

  it('evidence naming a new device widens the open conflict, keeping what it named', () => {
    expect(conflictStep({ id: 9, candidateIds: [1, 3] }, [4, 1])).toEqual({ kind: 'widen', id: 9, candidateIds: [1, 3, 4] });
  });

  it('a dismissed conflict naming every device seen silences the same evidence; naming more records a new one', () => {
    expect(conflictStep({ id: 9, candidateIds: [1, 3], dismissed: true }, [3, 1])).toEqual({ kind: 'known' });
    expect(conflictStep({ id: 9, candidateIds: [1, 3], dismissed: true }, [1, 4])).toEqual({ kind: 'record', candidateIds: [1, 4] });
  });
});
