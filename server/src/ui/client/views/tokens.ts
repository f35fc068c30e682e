import type { CreatedToken, CreateTokenInput, EnrollmentTokenState } from '@parc/shared/api';
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { formatDateTime } from '../format.js';
import { t, type PlainKey } from '../i18n/i18n.js';
import { installCommands } from '../install-commands.js';
import { adminHref } from '../routes.js';
import type { EnrollmentToken } from '../types.js';
import { button, field, input } from '../ui/fields.js';
import { pageHeading } from '../ui/heading.js';
import { alertRegion, showError } from '../ui/notice.js';
import { table } from '../ui/table.js';
import type { ViewFn } from '../view.js';

/** Every token state (the API's list, @parc/shared/api/enums), with its label's catalogue key. */
const STATES: Record<EnrollmentTokenState, PlainKey> = { active: 'tokens.state.active', revoked: 'tokens.state.revoked', expired: 'tokens.state.expired' };
const stateLabel = (state: EnrollmentTokenState) => t(STATES[state]);

/** The URL machines use: the server's PARC_PUBLIC_URL when set (a meta tag), else this page's origin. */
const serverUrl = () => document.querySelector<HTMLMetaElement>('meta[name="parc-public-url"]')?.content || location.origin;

/**
 * Enrollment tokens: create one (shown once, with the install one-liners), list them, revoke them.
 * Revoking stops new enrollments; the agents enrolled with it keep their own keys unless the admin also
 * revokes them (asked, with their number).
 */
export const tokensView: ViewFn = async ({ session }) => {
  if (!session.can.administer) throw new Error(t('tokens.adminOnly'));
  const listHolder = h('div');
  const created = h('div', { tabindex: -1, class: 'created-token' });
  const errors = alertRegion();

  const drawList = async () => {
    const { items } = await api.get<{ items: EnrollmentToken[] }>('/api/v1/enrollment-tokens');
    const rows = items.map((token) => [
      h('code', null, `${token.prefix}…`),
      token.description ?? '—',
      h('span', { class: ['badge', `token-${token.state}`] }, stateLabel(token.state)),
      formatDateTime(token.createdAt),
      token.expiresAt ? formatDateTime(token.expiresAt) : t('tokens.never'),
      token.lastUsedAt ? t('tokens.usesLast', { count: token.useCount, date: formatDateTime(token.lastUsedAt) }) : t('tokens.uses', { count: token.useCount }),
      token.activeAgents ? h('a', { href: adminHref('agents', { tokenId: token.id }) }, t('tokens.agents', { count: token.activeAgents })) : '0',
      token.state === 'active'
        ? button(t('tokens.revoke'), { class: 'btn btn-small btn-danger', 'aria-label': t('tokens.revokeLabel', { prefix: token.prefix }), on: { click: () => void revoke(token) } })
        : '—',
    ]);
    const columns = [
      t('tokens.column.token'),
      t('tokens.column.description'),
      t('tokens.column.state'),
      t('tokens.column.created'),
      t('tokens.column.expires'),
      t('tokens.column.uses'),
      t('tokens.column.agents'),
      '',
    ];
    replace(listHolder, table(t('tokens.title'), columns, rows, { empty: t('tokens.empty') }));
  };

  const revoke = async (token: EnrollmentToken) => {
    if (!window.confirm(t('tokens.revokeConfirm', { prefix: token.prefix }))) return;
    // Its agents keep their own keys unless the admin also stops them (a leaked token's enrollments).
    const withAgents = token.activeAgents > 0 && window.confirm(t('tokens.revokeAgentsConfirm', { count: token.activeAgents }));
    try {
      await api.delete(`/api/v1/enrollment-tokens/${token.id}${withAgents ? '?revokeAgents=true' : ''}`);
      await drawList();
      listHolder.querySelector<HTMLElement>('table')?.focus();
    } catch (err) {
      showError(errors, err);
    }
  };

  const description = input({ name: 'description', maxlength: 256, placeholder: t('tokens.create.descriptionPlaceholder') });
  const days = input({ name: 'expiresInDays', type: 'number', min: 1, max: 3650, inputmode: 'numeric' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('tokens.create.submit'));
  const form = h(
    'form',
    { class: 'card stack', 'aria-label': t('tokens.create.heading') },
    h('h2', null, t('tokens.create.heading')),
    errors,
    h('div', { class: 'row' }, field(t('tokens.create.description'), description, { class: 'grow' }), field(t('tokens.create.days'), days, { hint: t('tokens.create.daysHint') })),
    h('div', { class: 'form-buttons' }, submit),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit.disabled = true;
    const body = { ...(description.value.trim() ? { description: description.value.trim() } : {}), ...(days.value ? { expiresInDays: Number(days.value) } : {}) } satisfies CreateTokenInput;
    api
      .post<CreatedToken>('/api/v1/enrollment-tokens', body)
      .then(async (token) => {
        showCreated(created, token.token);
        form.reset();
        await drawList();
        created.focus();
      })
      .catch((err: unknown) => showError(errors, err, form))
      .finally(() => (submit.disabled = false));
  });

  await drawList();
  return { title: t('tokens.title'), node: h('section', null, pageHeading(t('tokens.title')), h('p', { class: 'muted' }, t('tokens.intro')), form, created, listHolder) };
};

function showCreated(holder: HTMLElement, token: string): void {
  const copy = (text: string, label: string) => button(t('tokens.copy'), { class: 'btn btn-small', 'aria-label': label, on: { click: (e: Event) => void copyText(text, e.currentTarget as HTMLButtonElement) } });
  replace(
    holder,
    h(
      'div',
      { class: 'card notice-ok', role: 'status' },
      h('h2', null, t('tokens.created.heading')),
      h('p', null, t('tokens.created.once')),
      h('p', { class: 'token-line' }, h('code', { 'data-testid': 'new-token' }, token), ' ', copy(token, t('tokens.copyToken'))),
      installCommands(serverUrl(), token).map((c) =>
        h('div', { class: 'install' }, h('p', { class: 'strong' }, t(c.label)), h('pre', null, h('code', null, c.command)), copy(c.command, t('tokens.copyCommand', { label: t(c.label) }))),
      ),
    ),
  );
}

async function copyText(text: string, button: HTMLButtonElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = t('tokens.copied');
  } catch {
    // Clipboard access needs a secure context; plain http on a LAN has none. Selecting is the fallback.
    button.textContent = t('tokens.copyByHand');
  }
}
