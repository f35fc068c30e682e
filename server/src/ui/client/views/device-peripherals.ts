import { assetSourceLabel, assetTypeLabel } from '../asset-labels.js';
import { h, uid, type Child } from '../dom.js';
import { t } from '../i18n/i18n.js';
import { deviceHref } from '../routes.js';
import type { DeviceDetail } from '../types.js';
import { kv } from '../ui/kv.js';
import { assetIdentityForm } from './device-identity.js';

/**
 * The asset register on a device's page: what it is and where it came from, the computer a peripheral is
 * attached to, and a computer's peripherals (links to their own pages).
 */

/** Hardware, OS, components and software come from an agent's inventory: an asset without one has none to show. */
export const isInventoried = (d: DeviceDetail) => d.source === 'agent' || d.lastInventoryAt !== null;

const link = (p: { id: number; hostname: string; type: string }) => h('a', { href: deviceHref(p.id) }, p.hostname);

function card(title: string, body: Child[]): HTMLElement {
  const id = uid('sec');
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), body);
}

/**
 * The "Asset" card (with the identity form on manual and discovered assets when `saved` is given: the
 * viewer may edit), and the "Peripherals" card on a computer.
 */
export function assetSections(d: DeviceDetail, saved?: (next: DeviceDetail) => void): HTMLElement[] {
  const rows: [string, Child][] = [
    [t('assetRegister.field.type'), assetTypeLabel(d.type)],
    [t('assetRegister.field.source'), assetSourceLabel(d.source)],
  ];
  if (d.type !== 'computer') rows.push([t('assetRegister.field.attachedTo'), d.parentDevice ? link(d.parentDevice) : t('assetRegister.notAttached')]);
  const out = [card(t('assetRegister.section'), [kv(rows), saved && d.source !== 'agent' ? assetIdentityForm(d, saved) : null])];
  if (d.type === 'computer') {
    out.push(
      card(t('assetRegister.peripherals'), [
        d.peripherals.length
          ? h('ul', null, d.peripherals.map((p) => h('li', null, link(p), h('small', { class: 'muted' }, ` (${assetTypeLabel(p.type)})`))))
          : h('p', { class: 'empty' }, t('assetRegister.peripherals.empty')),
      ]),
    );
  }
  return out;
}
