import type { ApiToken, CreateApiTokenBody, CreatedApiToken } from '@parc/shared/api';
import { API_TOKEN_DEFAULT_DAYS, API_TOKEN_MAX_DAYS, TOKEN_AREAS_BY_ROLE } from '@parc/shared/api/token-scopes';
import type { Role } from '@parc/shared/roles';
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n/i18n.js';
import { button, field, input, select } from '../ui/fields.js';
import { onSubmit } from '../ui/form.js';
import { pageHeading } from '../ui/heading.js';
import { alertRegion } from '../ui/notice.js';
import { table } from '../ui/table.js';
import type { ViewFn } from '../view.js';
import { AREA_LABELS, revokeButton, tokenCells } from './api-token-parts.js';

/**
 * Your personal API tokens: create one (name, a level per area of your role, a lifetime), shown once;
 * list them with their last use; revoke them.
 */
export const apiTokensView: ViewFn = async ({ session, reload }) => {
  const { items } = await api.get<{ items: ApiToken[] }>('/api/v1/me/tokens');
  const errors = alertRegion();
  const created = h('div', { tabindex: -1, class: 'created-token' });

  const name = input({ name: 'name', required: true, maxlength: 100, placeholder: t('apiTokens.create.namePlaceholder'), autocomplete: 'off' });
  const levels = [
    ['', t('apiTokens.level.none')],
    ['read', t('apiTokens.level.read')],
    ['write', t('apiTokens.level.write')],
  ] as const;
  const areas = TOKEN_AREAS_BY_ROLE[session.user.role as Role] ?? [];
  const areaSelects = areas.map((area) => ({ area, el: select(`scope-${area}`, levels, '') }));
  const days = input({ name: 'expiresInDays', type: 'number', min: 1, max: API_TOKEN_MAX_DAYS, inputmode: 'numeric', value: String(API_TOKEN_DEFAULT_DAYS), required: true });
  const form = h(
    'form',
    { class: 'card stack', 'aria-label': t('apiTokens.create.heading'), novalidate: true },
    h('h2', null, t('apiTokens.create.heading')),
    errors,
    h('div', { class: 'row' }, field(t('apiTokens.create.name'), name, { class: 'grow' }), field(t('apiTokens.create.days'), days, { hint: t('apiTokens.create.daysHint') })),
    h('fieldset', { class: 'stack' }, h('legend', null, t('apiTokens.create.scopes')), h('div', { class: 'row' }, areaSelects.map(({ area, el }) => field(t(AREA_LABELS[area]), el)))),
    h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('apiTokens.create.submit'))),
  );
  onSubmit(form, errors, async () => {
    const scopes = areaSelects.filter(({ el }) => el.value).map(({ area, el }) => `${area}:${el.value}`);
    const token = await api.post<CreatedApiToken>('/api/v1/me/tokens', { name: name.value, scopes, expiresInDays: Number(days.value) } satisfies CreateApiTokenBody);
    form.reset();
    const fresh = await api.get<{ items: ApiToken[] }>('/api/v1/me/tokens');
    replace(listHolder, list(fresh.items));
    showCreated(created, token.token);
    created.focus();
  });

  const list = (tokens: ApiToken[]) =>
    table(
      t('apiTokens.title'),
      [t('apiTokens.column.name'), t('apiTokens.column.token'), t('apiTokens.column.scopes'), t('apiTokens.column.state'), t('apiTokens.column.created'), t('apiTokens.column.expires'), t('apiTokens.column.lastUsed'), ''],
      tokens.map((tk) => [tk.name, ...tokenCells(tk), revokeButton(tk, `/api/v1/me/tokens/${tk.id}`, errors, reload)]),
      { hideCaption: true, empty: t('apiTokens.empty') },
    );
  const listHolder = h('div', null, list(items));

  return { title: t('apiTokens.title'), node: h('section', null, pageHeading(t('apiTokens.title')), h('p', { class: 'muted' }, t('apiTokens.intro')), form, created, listHolder) };
};

function showCreated(holder: HTMLElement, token: string): void {
  const copy = button(t('apiTokens.copy'), {
    class: 'btn btn-small',
    on: {
      click: (e: Event) => {
        const b = e.currentTarget as HTMLButtonElement;
        navigator.clipboard.writeText(token).then(
          () => (b.textContent = t('apiTokens.copied')),
          // Clipboard access needs a secure context; plain http on a LAN has none.
          () => (b.textContent = t('apiTokens.copyByHand')),
        );
      },
    },
  });
  replace(
    holder,
    h(
      'div',
      { class: 'card notice-ok', role: 'status' },
      h('h2', null, t('apiTokens.created.heading')),
      h('p', null, t('apiTokens.created.once')),
      h('p', { class: 'token-line' }, h('code', { 'data-testid': 'new-api-token' }, token), ' ', copy),
    ),
  );
}
