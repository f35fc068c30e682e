import type { CreatedToken, CreateTokenInput } from '@parc/shared/api';
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { formatDateTime } from '../format.js';
import { installCommands } from '../install-commands.js';
import type { EnrollmentToken } from '../types.js';
import { button, field, input } from '../ui/fields.js';
import { pageHeading } from '../ui/heading.js';
import { alertRegion, showError } from '../ui/notice.js';
import { table } from '../ui/table.js';
import type { ViewFn } from '../view.js';

/** The URL machines use: the server's PARC_PUBLIC_URL when set (a meta tag), else this page's origin. */
const serverUrl = () => document.querySelector<HTMLMetaElement>('meta[name="parc-public-url"]')?.content || location.origin;

/**
 * Enrollment tokens: create one (shown once, with the install one-liners), list them, revoke them.
 * Revoking stops new enrollments only; agents already enrolled keep their own keys.
 */
export const tokensView: ViewFn = async ({ session }) => {
  if (!session.can.administer) throw new Error('Only admins manage enrollment tokens.');
  const listHolder = h('div');
  const created = h('div', { tabindex: -1, class: 'created-token' });
  const errors = alertRegion();

  const drawList = async () => {
    const { items } = await api.get<{ items: EnrollmentToken[] }>('/api/v1/enrollment-tokens');
    const rows = items.map((t) => [
      h('code', null, `${t.prefix}…`),
      t.description ?? '—',
      h('span', { class: ['badge', `token-${t.state}`] }, t.state),
      formatDateTime(t.createdAt),
      t.expiresAt ? formatDateTime(t.expiresAt) : 'Never',
      `${t.useCount}${t.lastUsedAt ? `, last ${formatDateTime(t.lastUsedAt)}` : ''}`,
      t.state === 'active' ? button('Revoke', { class: 'btn btn-small btn-danger', 'aria-label': `Revoke token ${t.prefix}`, on: { click: () => void revoke(t) } }) : '—',
    ]);
    replace(listHolder, table('Enrollment tokens', ['Token', 'Description', 'State', 'Created', 'Expires', 'Uses', ''], rows, { empty: 'No enrollment token yet.' }));
  };

  const revoke = async (t: EnrollmentToken) => {
    if (!window.confirm(`Revoke token ${t.prefix}…? Machines not yet enrolled with it will be refused; enrolled ones keep working.`)) return;
    try {
      await api.delete(`/api/v1/enrollment-tokens/${t.id}`);
      await drawList();
      listHolder.querySelector<HTMLElement>('table')?.focus();
    } catch (err) {
      showError(errors, err);
    }
  };

  const description = input({ name: 'description', maxlength: 256, placeholder: 'e.g. Accounting laptops' });
  const days = input({ name: 'expiresInDays', type: 'number', min: 1, max: 3650, inputmode: 'numeric' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Create token');
  const form = h(
    'form',
    { class: 'card stack', 'aria-label': 'Create an enrollment token' },
    h('h2', null, 'Create an enrollment token'),
    errors,
    h('div', { class: 'row' }, field('Description', description, { class: 'grow' }), field('Expires after (days)', days, { hint: 'Empty: never; revoke it instead.' })),
    h('div', { class: 'form-buttons' }, submit),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit.disabled = true;
    const body = { ...(description.value.trim() ? { description: description.value.trim() } : {}), ...(days.value ? { expiresInDays: Number(days.value) } : {}) } satisfies CreateTokenInput;
    api
      .post<CreatedToken>('/api/v1/enrollment-tokens', body)
      .then(async (t) => {
        showCreated(created, t.token);
        form.reset();
        await drawList();
        created.focus();
      })
      .catch((err: unknown) => showError(errors, err, form))
      .finally(() => (submit.disabled = false));
  });

  await drawList();
  return { title: 'Enrollment tokens', node: h('section', null, pageHeading('Enrollment tokens'), h('p', { class: 'muted' }, 'Agents enroll with a token, then upload with their own key.'), form, created, listHolder) };
};

function showCreated(holder: HTMLElement, token: string): void {
  const copy = (text: string, what: string) => button('Copy', { class: 'btn btn-small', 'aria-label': `Copy ${what}`, on: { click: (e: Event) => void copyText(text, e.currentTarget as HTMLButtonElement) } });
  replace(
    holder,
    h(
      'div',
      { class: 'card notice-ok', role: 'status' },
      h('h2', null, 'New token: copy it now'),
      h('p', null, 'It is shown only this once; Parc keeps only its hash.'),
      h('p', { class: 'token-line' }, h('code', { 'data-testid': 'new-token' }, token), ' ', copy(token, 'the token')),
      installCommands(serverUrl(), token).map((c) => h('div', { class: 'install' }, h('p', { class: 'strong' }, c.label), h('pre', null, h('code', null, c.command)), copy(c.command, `the ${c.label} command`))),
    ),
  );
}

async function copyText(text: string, button: HTMLButtonElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    // Clipboard access needs a secure context; plain http on a LAN has none. Selecting is the fallback.
    button.textContent = 'Select and copy by hand';
  }
}
