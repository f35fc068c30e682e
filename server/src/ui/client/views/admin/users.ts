import type { CreateUserBody, UpdateUserBody } from '@parc/shared/api';
import { ROLES } from '@parc/shared/roles';
import { api, ApiError } from '../../api.js';
import { h } from '../../dom.js';
import { personName } from '../../format.js';
import { t, type PlainKey } from '../../i18n/i18n.js';
import type { Role, User } from '../../types.js';
import { checkbox, chosen, field, input, select } from '../../ui/fields.js';
import { flash } from '../../ui/flash.js';
import { onSubmit } from '../../ui/form.js';
import { alertRegion } from '../../ui/notice.js';
import { roleLabel } from '../../ui/layout.js';
import { table } from '../../ui/table.js';
import type { AdminPageFn } from './admin.js';

/** Every role (the type makes it exhaustive), least powerful first, with what it may do. */
const ROLE_LABELS: Record<Role, PlainKey> = {
  requester: 'adminUsers.role.requester',
  technician: 'adminUsers.role.technician',
  'licence-manager': 'adminUsers.role.licenceManager',
  admin: 'adminUsers.role.admin',
};
const roleOptions = () => (Object.keys(ROLE_LABELS) as Role[]).map((role) => [role, t(ROLE_LABELS[role])] as const);

/** People who log in: create them with a role, change role or password, disable them (their history stays). */
export const usersPage: AdminPageFn = async ({ reload, session }) => {
  const { items } = await api.get<{ items: User[] }>('/api/v1/users');

  const username = input({ name: 'username', required: true, maxlength: 128, autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' });
  const displayName = input({ name: 'displayName', maxlength: 256 });
  const email = input({ name: 'email', type: 'email', maxlength: 256 });
  const role = select('role', roleOptions(), 'requester');
  const password = input({ name: 'password', type: 'password', autocomplete: 'new-password', required: true, minlength: 8 });
  const errors = alertRegion();
  const create = h(
    'form',
    { class: 'card stack', 'aria-label': t('adminUsers.create.heading'), novalidate: true },
    h('h2', null, t('adminUsers.create.heading')),
    errors,
    h(
      'div',
      { class: 'row' },
      field(t('adminUsers.username'), username, { class: 'grow' }),
      field(t('adminUsers.displayName'), displayName, { class: 'grow' }),
      field(t('admin.email'), email, { class: 'grow' }),
    ),
    h('div', { class: 'row' }, field(t('adminUsers.role'), role, { class: 'grow' }), field(t('adminUsers.password'), password, { class: 'grow', hint: t('adminUsers.passwordHint') })),
    h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('adminUsers.create.submit'))),
  );
  onSubmit(create, errors, async () => {
    const u = await api.post<User>('/api/v1/users', {
      username: username.value,
      password: password.value,
      role: chosen(role, ROLES),
      ...(displayName.value.trim() ? { displayName: displayName.value } : {}),
      ...(email.value.trim() ? { email: email.value } : {}),
    } satisfies CreateUserBody);
    flash(t('adminUsers.created', { username: u.username, role: roleLabel(u.role) }));
    reload();
  });

  const editForm = (u: User) => {
    const newRole = select('role', roleOptions(), u.role);
    const newPassword = input({ name: 'password', type: 'password', autocomplete: 'new-password', minlength: 8 });
    const disabled = checkbox('disabled', u.disabled);
    const self = u.id === session.user.id;
    if (self) {
      // Demoting or disabling oneself would lock the last admin out mid-session; another admin can do it.
      newRole.disabled = true;
      disabled.disabled = true;
    }
    const rowErrors = alertRegion();
    const form = h(
      'form',
      { class: 'stack', 'aria-label': t('adminUsers.change', { username: u.username }), novalidate: true },
      rowErrors,
      field(t('adminUsers.role'), newRole),
      field(t('adminUsers.newPassword'), newPassword, { hint: t('adminUsers.newPasswordHint') }),
      field(t('adminUsers.disabledField'), disabled, { inline: true }),
      h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.save'))),
    );
    onSubmit(form, rowErrors, async () => {
      const body: UpdateUserBody = {};
      if (!self && newRole.value !== u.role) body.role = chosen(newRole, ROLES);
      if (newPassword.value) body.password = newPassword.value;
      if (!self && disabled.checked !== u.disabled) body.disabled = disabled.checked;
      if (Object.keys(body).length === 0) throw new ApiError(400, 'unchanged', t('adminUsers.unchanged'), 'role');
      await api.patch(`/api/v1/users/${u.id}`, body);
      flash(t('adminUsers.saved', { username: u.username }));
      reload();
    });
    return h('details', null, h('summary', null, t('adminUsers.changeSummary'), h('span', { class: 'visually-hidden' }, ` ${u.username}`)), form);
  };

  const rows = items.map((u) => [
    h('span', { class: 'strong' }, u.username),
    u.displayName ? personName(u) : '—',
    u.email ?? '—',
    roleLabel(u.role),
    u.disabled ? h('span', { class: 'badge status-closed' }, t('adminUsers.disabled')) : t('admin.active'),
    editForm(u),
  ]);
  const columns = [t('adminUsers.column.username'), t('adminUsers.column.name'), t('admin.email'), t('adminUsers.column.role'), t('adminUsers.column.state'), ''];
  return { title: t('adminUsers.title'), body: [create, table(t('adminUsers.title'), columns, rows, { empty: t('adminUsers.empty') })] };
};
