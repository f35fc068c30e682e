import type { LegacySettingsBody } from '@parc/shared/api';
import { api } from '../../api.js';
import { lines } from '../../admin-logic.js';
import type { LegacySettings } from '../../admin-types.js';
import { h } from '../../dom.js';
import { t } from '../../i18n/i18n.js';
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
    { class: 'card stack', 'aria-label': t('adminLegacy.form'), novalidate: true },
    errors,
    field(t('adminLegacy.enabled'), enabled, { inline: true }),
    field(t('adminLegacy.cidrs'), cidrs, { hint: t('adminLegacy.cidrsHint') }),
    h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.save'))),
  );
  onSubmit(form, errors, async () => {
    await api.put('/api/v1/settings/legacy-inventory', { enabled: enabled.checked, allowedCidrs: lines(cidrs.value) } satisfies LegacySettingsBody);
    flash(t('adminLegacy.saved'));
    reload();
  });
  const env = s.fromEnvironment;
  return {
    title: t('adminLegacy.title'),
    intro: t('adminLegacy.intro'),
    body: [
      form,
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'legacy-effective' },
        h('h2', { id: 'legacy-effective' }, t('adminLegacy.inForce')),
        h('p', { class: 'muted small' }, t('adminLegacy.envNote')),
        kv([
          [t('adminLegacy.accepted'), s.effective.enabled ? t('common.yes') : t('common.no')],
          [t('adminLegacy.networks'), s.effective.allowedCidrs.length ? s.effective.allowedCidrs.join(', ') : t('adminLegacy.none')],
          [
            t('adminLegacy.fromEnv'),
            env.enabled || env.allowedCidrs.length
              ? `${env.enabled ? t('adminLegacy.envEnabled') : t('adminLegacy.envNotEnabled')}${env.allowedCidrs.length ? `; ${env.allowedCidrs.join(', ')}` : ''}`
              : t('adminLegacy.nothing'),
          ],
        ]),
      ),
    ],
  };
};
