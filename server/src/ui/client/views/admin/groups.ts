import type { CreateGroupBody, PatchGroupBody, SetMembersBody } from '@parc/shared/api';
import { api } from '../../api.js';
import { h } from '../../dom.js';
import { personName, plural } from '../../format.js';
import type { GroupDetail } from '../../admin-types.js';
import type { Group, User } from '../../types.js';
import { checkbox, field, input } from '../../ui/fields.js';
import { flash } from '../../ui/flash.js';
import { onSubmit } from '../../ui/form.js';
import { alertRegion } from '../../ui/notice.js';
import type { AdminPageFn } from './admin.js';

/** Groups of technicians: create, rename, and choose members among enabled admins and technicians. */
export const groupsPage: AdminPageFn = async ({ reload }) => {
  const [{ items }, users] = await Promise.all([api.get<{ items: Group[] }>('/api/v1/groups'), api.get<{ items: User[] }>('/api/v1/users').then((r) => r.items)]);
  const details = await Promise.all(items.map((g) => api.get<GroupDetail>(`/api/v1/groups/${g.id}`)));
  const staff = users.filter((u) => !u.disabled && (u.role === 'admin' || u.role === 'technician'));

  const name = input({ name: 'name', required: true, maxlength: 128 });
  const email = input({ name: 'email', type: 'email', maxlength: 256 });
  const errors = alertRegion();
  const create = h(
    'form',
    { class: 'card stack', 'aria-label': 'Create a group', novalidate: true },
    h('h2', null, 'Create a group'),
    errors,
    h('div', { class: 'row' }, field('Name', name, { class: 'grow' }), field('Email', email, { class: 'grow', hint: 'Optional: where group notifications go.' })),
    h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Create group')),
  );
  onSubmit(create, errors, async () => {
    const g = await api.post<GroupDetail>('/api/v1/groups', { name: name.value, ...(email.value.trim() ? { email: email.value.trim() } : {}) } satisfies CreateGroupBody);
    flash(`Group "${g.name}" created. Choose its members below.`);
    reload();
  });

  return {
    title: 'Groups',
    intro: 'Tickets are assigned to groups of technicians, by hand or by assignment rules.',
    body: [create, details.length ? h('div', { class: 'stack' }, details.map((g) => groupCard(g, staff, reload))) : h('p', { class: 'empty' }, 'No group yet.')],
  };
};

function groupCard(g: GroupDetail, staff: readonly User[], reload: () => void): HTMLElement {
  const members = new Set(g.members.map((m) => m.id));
  const headingId = `group-${g.id}`;

  const name = input({ name: 'name', value: g.name, required: true, maxlength: 128 });
  const renameErrors = alertRegion();
  const rename = h(
    'form',
    { class: 'row', 'aria-label': `Rename ${g.name}`, novalidate: true },
    renameErrors,
    field('Name', name, { class: 'grow' }),
    h('button', { type: 'submit', class: 'btn' }, 'Rename'),
  );
  onSubmit(rename, renameErrors, async () => {
    await api.patch(`/api/v1/groups/${g.id}`, { name: name.value } satisfies PatchGroupBody);
    flash(`Group renamed to "${name.value.trim()}".`);
    reload();
  });

  const boxes = staff.map((u) => checkbox('userIds', members.has(u.id), { value: String(u.id) }));
  const memberErrors = alertRegion();
  const picker = h(
    'form',
    { 'aria-label': `Members of ${g.name}`, novalidate: true },
    memberErrors,
    h(
      'fieldset',
      null,
      h('legend', null, `Members of ${g.name}`),
      staff.length
        ? h('ul', { class: 'checklist' }, staff.map((u, i) => h('li', null, field(`${personName(u)} (${u.username}, ${u.role})`, boxes[i]!, { inline: true }))))
        : h('p', { class: 'empty' }, 'No enabled admin or technician to add.'),
    ),
    h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Save members')),
  );
  onSubmit(picker, memberErrors, async () => {
    const userIds = boxes.filter((b) => b.checked).map((b) => Number(b.value));
    await api.put(`/api/v1/groups/${g.id}/members`, { userIds } satisfies SetMembersBody);
    flash(`Members of "${g.name}" saved: ${plural(userIds.length, 'member')}.`);
    reload();
  });

  return h(
    'section',
    { class: 'card', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, g.name, ' ', h('span', { class: 'muted small' }, `· ${plural(g.memberCount, 'member')}${g.email ? ` · ${g.email}` : ''}`)),
    rename,
    picker,
  );
}
