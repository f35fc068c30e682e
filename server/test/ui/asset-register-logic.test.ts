import { beforeEach, describe, expect, it } from 'vitest';
import { ASSET_TYPES } from '@parc/shared/api/asset-enums';
import { assetSourceLabel, assetTypeLabel } from '../../src/ui/client/asset-labels.js';
import { describeChange } from '../../src/ui/client/changes.js';
import { setLocale } from '../../src/ui/client/i18n/i18n.js';
import { capabilitiesOf } from '../../src/ui/client/roles.js';
import { mayOpen } from '../../src/ui/client/route-access.js';
import { deviceNewHref, parseRoute } from '../../src/ui/client/routes.js';
import type { Change } from '../../src/ui/client/types.js';

/** The asset register's pure client parts: the form's route and who opens it, type labels, history lines. */
beforeEach(() => setLocale('en', []));

const change = (code: string, params: Record<string, string | number>, kind: Change['kind'] = 'changed'): Change => ({ at: '2026-11-30T10:00:00Z', section: 'peripherals', kind, item: 'x', old: null, new: null, code, params });

describe('asset register in the client', () => {
  it('routes #/devices/new to the form, for admins and technicians only', () => {
    expect(parseRoute(deviceNewHref())).toEqual({ name: 'device-new', query: {} });
    expect(parseRoute('#/devices/12')).toMatchObject({ name: 'device', id: 12 });
    expect(mayOpen('device-new', capabilitiesOf('admin'))).toBe(true);
    expect(mayOpen('device-new', capabilitiesOf('technician'))).toBe(true);
    expect(mayOpen('device-new', capabilitiesOf('licence-manager'))).toBe(false);
    expect(mayOpen('device-new', capabilitiesOf('requester'))).toBe(false);
  });

  it('words every type and source in both languages', () => {
    expect(ASSET_TYPES.map(assetTypeLabel)).toEqual(['Computer', 'Monitor', 'Printer', 'Phone', 'Network equipment', 'Peripheral', 'Other']);
    expect(assetSourceLabel('manual')).toBe('Registered by hand');
    expect(assetTypeLabel('hovercraft')).toBe('hovercraft');
    setLocale('fr', ['fr-FR']);
    expect(assetTypeLabel('monitor')).toBe('Écran');
    expect(assetSourceLabel('discovered')).toBe('Signalé par un agent (périphérique)');
  });

  it('words the register\'s history lines', () => {
    expect(describeChange(change('merged-manual-record', { name: 'Accounting laptop', serial: 'PF3X' }))).toEqual({
      verb: 'changed',
      item: 'Merged with the manual record',
      detail: '“Accounting laptop” (serial PF3X) is now inventoried by an agent; its asset fields were kept',
      group: 'hardware',
    });
    expect(describeChange(change('moved-between', { fromId: 1, from: 'ws-a', toId: 2, to: 'ws-b' }))).toMatchObject({ item: 'Moved to another computer', detail: 'ws-a → ws-b' });
    expect(describeChange(change('peripheral-moved-away', { peripheral: 'Dell', to: 'ws-b' }, 'removed'))).toMatchObject({ verb: 'removed', detail: 'Dell → ws-b' });
    expect(describeChange(change('peripheral-attached', { peripheral: 'Dell' }, 'added'))).toMatchObject({ verb: 'added', item: 'Peripheral attached', detail: 'Dell' });
    expect(describeChange(change('asset-registered', { type: 'phone' }, 'added'))).toMatchObject({ item: 'Registered by hand', detail: 'Phone' });
    expect(describeChange(change('asset-tag-duplicate-removed', { tag: 'INV-1', keptById: 1, keptBy: 'ws-a' }, 'changed'))).toMatchObject({ verb: 'removed', item: 'Asset tag removed (already used)', detail: 'INV-1: kept by ws-a (see the notes)' });
    setLocale('fr', ['fr-FR']);
    expect(describeChange(change('asset-tag-duplicate-removed', { tag: 'INV-1', keptById: 1, keptBy: 'ws-a' }, 'changed'))).toMatchObject({ detail: 'INV-1 : conservé par ws-a (voir les notes)' });
    expect(describeChange(change('detached-from', { computer: 'ws-a' }, 'removed'))).toMatchObject({ item: 'Détaché d’un ordinateur', detail: 'ws-a' });
    expect(describeChange(change('peripheral-discovered', { computer: 'ws-a' }, 'added'))).toMatchObject({ item: 'Signalé par un agent', detail: 'ws-a' });
    expect(describeChange(change('attached-to', { computer: 'ws-a' }))).toMatchObject({ item: 'Rattaché à un ordinateur' });
    expect(describeChange(change('peripheral-detached', { peripheral: 'Dell' }, 'removed'))).toMatchObject({ item: 'Périphérique détaché' });
  });
});
