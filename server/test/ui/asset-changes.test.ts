import { beforeEach, describe, expect, it } from 'vitest';
import { describeChange } from '../../src/ui/client/changes.js';
import { setLocale } from '../../src/ui/client/i18n/i18n.js';
import type { Change } from '../../src/ui/client/types.js';

const intervention = (params: Record<string, string | number>): Change => ({
  at: '2026-06-14T09:00:00Z',
  section: 'maintenance',
  kind: 'added',
  item: 'intervention',
  old: null,
  new: '2026-06-14: Replaced the fuser',
  code: 'intervention',
  params,
});

describe('intervention lines in the history', () => {
  beforeEach(() => setLocale('en', ['en-GB']));

  it('read in English and in French, with who did it when known', () => {
    expect(describeChange(intervention({ id: 3, performedOn: '2026-06-14', description: 'Replaced the fuser' }))).toEqual({ verb: 'added', item: 'Intervention', detail: '14 Jun 2026: Replaced the fuser', group: 'hardware' });
    setLocale('fr', ['fr-FR']);
    expect(describeChange(intervention({ id: 3, performedOn: '2026-06-14', description: 'Remplacement du four', performedBy: 'PrintCo' })).detail).toBe('14 juin 2026 : Remplacement du four (par PrintCo)');
  });
});
