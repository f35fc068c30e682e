import type { ApiToken } from '@parc/shared/api';
import { API_TOKEN_STATES } from '@parc/shared/api/token-scopes';
import { api } from '../../api.js';
import { h } from '../../dom.js';
import { t } from '../../i18n/i18n.js';
import { adminHref } from '../../routes.js';
import { field, select } from '../../ui/fields.js';
import { alertRegion } from '../../ui/notice.js';
import { table } from '../../ui/table.js';
import { revokeButton, stateLabel, tokenCells } from '../api-token-parts.js';
import type { AdminPageFn } from './admin.js';

/** Everyone's personal API tokens, filterable by state; admins revoke any of them. */
export const apiTokensAdminPage: AdminPageFn = async ({ route, navigate, reload }) => {
  const state = (API_TOKEN_STATES as readonly string[]).includes(route.query.state ?? '') ? route.query.state : undefined;
  const { items } = await api.get<{ items: ApiToken[] }>('/api/v1/api-tokens', { state });
  const errors = alertRegion();
  const stateSelect = select('state', [['', t('apiTokens.admin.anyState')] as const, ...API_TOKEN_STATES.map((s) => [s, stateLabel(s)] as const)], state ?? '');
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('apiTokens.admin.filter') },
    field(t('apiTokens.admin.state'), stateSelect),
    h('div', { class: 'filter-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('apiTokens.admin.show'))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    navigate(adminHref('api-tokens', stateSelect.value ? { state: stateSelect.value } : {}));
  });
  const rows = items.map((tk) => [tk.owner.username, tk.name, ...tokenCells(tk), revokeButton(tk, `/api/v1/api-tokens/${tk.id}`, errors, reload)]);
  const columns = [
    t('apiTokens.column.owner'),
    t('apiTokens.column.name'),
    t('apiTokens.column.token'),
    t('apiTokens.column.scopes'),
    t('apiTokens.column.state'),
    t('apiTokens.column.created'),
    t('apiTokens.column.expires'),
    t('apiTokens.column.lastUsed'),
    '',
  ];
  return { title: t('apiTokens.title'), intro: t('apiTokens.admin.intro'), body: [errors, form, table(t('apiTokens.title'), columns, rows, { hideCaption: true, empty: t('apiTokens.empty') })] };
};
