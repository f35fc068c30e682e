import type { LegacySettingsBody } from '@parc/shared/api';
import { api } from '../../api.js';
import { lines } from '../../admin-logic.js';
import type { LegacySettings } from '../../admin-types.js';
import { h } from '../../dom.js';
import { checkbox, field, textarea } from '../../ui/fields.js';
import { flash } from '../../ui/flash.js';
import { onSubmit } from '../../ui/form.js';
import { alertRegion } from '../../ui/notice.js';
import { kv } from '../../ui/kv.js';
import type { AdminPageFn } from './admin.js';

/** Whether GLPI Agent, FusionInventory and OCS agents may post inventories, and from which networks without credentials. */
export const legacyPage: AdminPageFn = async ({ reload }) => {
  const s = await api.get<LegacySettings>('/api/v1/settings/legacy-inventory');
  const enabled = checkbox('enabled', s.enabled);
  const cidrs = textarea({ name: 'allowedCidrs', rows: 5, spellcheck: 'false', placeholder: '10.0.0.0/8\n2001:db8::/32' });
  cidrs.value = s.allowedCidrs.join('\n');
  const errors = alertRegion();
  const form = h(
    'form',
    { class: 'card stack', 'aria-label': 'Legacy agent settings', novalidate: true },
    errors,
    field('Accept inventories from legacy agents', enabled, { inline: true }),
    field('Networks allowed without credentials', cidrs, { hint: 'One address or CIDR range per line. Other agents authenticate with an enrollment token as HTTP basic password.' }),
    h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Save')),
  );
  onSubmit(form, errors, async () => {
    await api.put('/api/v1/settings/legacy-inventory', { enabled: enabled.checked, allowedCidrs: lines(cidrs.value) } satisfies LegacySettingsBody);
    flash('Legacy agent settings saved.');
    reload();
  });
  const env = s.fromEnvironment;
  return {
    title: 'Legacy agents',
    intro: 'GLPI Agent, FusionInventory and OCS Inventory agents can report to Parc.',
    body: [
      form,
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'legacy-effective' },
        h('h2', { id: 'legacy-effective' }, 'In force'),
        h('p', { class: 'muted small' }, 'The environment (PARC_LEGACY_INVENTORY, PARC_LEGACY_ALLOWED_CIDRS) can only add to what is saved here.'),
        kv([
          ['Accepted', s.effective.enabled ? 'Yes' : 'No'],
          ['Networks', s.effective.allowedCidrs.length ? s.effective.allowedCidrs.join(', ') : 'None'],
          ['From the environment', env.enabled || env.allowedCidrs.length ? `${env.enabled ? 'enabled' : 'not enabled'}${env.allowedCidrs.length ? `; ${env.allowedCidrs.join(', ')}` : ''}` : 'Nothing'],
        ]),
      ),
    ],
  };
};
