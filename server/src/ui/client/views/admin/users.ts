import type { CreateUserBody, UpdateUserBody } from '@parc/shared/api';
import { ROLES } from '@parc/shared/roles';
import { api, ApiError } from '../../api.js';
import { h } from '../../dom.js';
import { personName } from '../../format.js';
import type { Role, User } from '../../types.js';
import { checkbox, chosen, field, input, select } from '../../ui/fields.js';
import { flash } from '../../ui/flash.js';
import { onSubmit } from '../../ui/form.js';
import { alertRegion } from '../../ui/notice.js';
import { table } from '../../ui/table.js';
import type { AdminPageFn } from './admin.js';

/** Every role (the type makes it exhaustive), least powerful first, with what it may do. */
const ROLE_LABELS: Record<Role, string> = {
  requester: 'Requester: opens and follows own tickets',
  technician: 'Technician: works tickets, edits devices',
  'licence-manager': 'Licence manager: reads the inventory',
  admin: 'Admin: everything, including this page',
};
const ROLE_OPTIONS = Object.entries(ROLE_LABELS);
const roleName = (r: Role) => ROLE_LABELS[r].split(':')[0]!;

/** People who log in: create them with a role, change role or password, disable them (their history stays). */
export const usersPage: AdminPageFn = async ({ reload, session }) => {
  const { items } = await api.get<{ items: User[] }>('/api/v1/users');

  const username = input({ name: 'username', required: true, maxlength: 128, autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' });
  const displayName = input({ name: 'displayName', maxlength: 256 });
  const email = input({ name: 'email', type: 'email', maxlength: 256 });
  const role = select('role', ROLE_OPTIONS, 'requester');
  const password = input({ name: 'password', type: 'password', autocomplete: 'new-password', required: true, minlength: 8 });
  const errors = alertRegion();
  const create = h(
    'form',
    { class: 'card stack', 'aria-label': 'Create a user', novalidate: true },
    h('h2', null, 'Create a user'),
    errors,
    h('div', { class: 'row' }, field('Username', username, { class: 'grow' }), field('Display name', displayName, { class: 'grow' }), field('Email', email, { class: 'grow' })),
    h('div', { class: 'row' }, field('Role', role, { class: 'grow' }), field('Password', password, { class: 'grow', hint: 'At least 8 characters; tell it to the person privately.' })),
    h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Create user')),
  );
  onSubmit(create, errors, async () => {
    const u = await api.post<User>('/api/v1/users', {
      username: username.value,
      password: password.value,
      role: chosen(role, ROLES),
      ...(displayName.value.trim() ? { displayName: displayName.value } : {}),
      ...(email.value.trim() ? { email: email.value } : {}),
    } satisfies CreateUserBody);
    flash(`User ${u.username} created as ${roleName(u.role)}.`);
    reload();
  });

  const editForm = (u: User) => {
    const newRole = select('role', ROLE_OPTIONS, u.role);
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
      { class: 'stack', 'aria-label': `Change ${u.username}`, novalidate: true },
      rowErrors,
      field('Role', newRole),
      field('New password', newPassword, { hint: 'Leave empty to keep the current one.' }),
      field('Disabled: cannot log in', disabled, { inline: true }),
      h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Save')),
    );
    onSubmit(form, rowErrors, async () => {
      const body: UpdateUserBody = {};
      if (!self && newRole.value !== u.role) body.role = chosen(newRole, ROLES);
      if (newPassword.value) body.password = newPassword.value;
      if (!self && disabled.checked !== u.disabled) body.disabled = disabled.checked;
      if (Object.keys(body).length === 0) throw new ApiError(400, 'unchanged', 'Nothing changed: choose another role, type a new password or change “Disabled”.', 'role');
      await api.patch(`/api/v1/users/${u.id}`, body);
      flash(`User ${u.username} saved.`);
      reload();
    });
    return h('details', null, h('summary', null, 'Change', h('span', { class: 'visually-hidden' }, ` ${u.username}`)), form);
  };

  const rows = items.map((u) => [
    h('span', { class: 'strong' }, u.username),
    u.displayName ? personName(u) : '—',
    u.email ?? '—',
    roleName(u.role),
    u.disabled ? h('span', { class: 'badge status-closed' }, 'Disabled') : 'Active',
    editForm(u),
  ]);
  return { title: 'Users', body: [create, table('Users', ['Username', 'Name', 'Email', 'Role', 'State', ''], rows, { empty: 'No user yet.' })] };
};
