import { CHANGE_RISKS } from '@parc/shared/api/itil-enums';
import { CHANGE_ACTIONS } from '../actions.js';
import { api } from '../api.js';
import { fromLocalInput, toLocalInput } from '../datetime-input.js';
import { h, replace, uid } from '../dom.js';
import { formatDateTime, personName, riskLabel } from '../format.js';
import { t } from '../i18n/i18n.js';
import { itilApiPath } from '../itil.js';
import { changesHref } from '../routes.js';
import type { Category, ChangeDetail } from '../types.js';
import { approvalBadge, priorityBadge, riskBadge, statusBadge } from '../ui/badges.js';
import { chosen, field, input, select } from '../ui/fields.js';
import { pageHeading } from '../ui/heading.js';
import type { ViewFn } from '../view.js';
import { approvalsPanel } from './approvals.js';
import { itilActions } from './itil-actions.js';
import { deviceContext } from './itil-devices.js';
import { helpdeskLists, itilDetailsCard, isTechnician, linkDevicesForm, linksSection, namesFor, textFieldsCard, unlinkDeviceButton } from './itil-page.js';
import { timeline } from './itil-timeline.js';

/** Risk, category and planned window as form controls, for the edit form of the plans card. */
function planControls(c: ChangeDetail, categories: readonly Category[]) {
  const risk = select('risk', CHANGE_RISKS.map((r) => [r, riskLabel(r)] as const), c.risk);
  const category = select('categoryId', [['', t('ticketNew.noCategory')], ...categories.map((cat) => [String(cat.id), cat.path] as const)], c.categoryId === null ? '' : String(c.categoryId));
  const start = input({ name: 'plannedStart', type: 'datetime-local', value: toLocalInput(c.plannedStart) });
  const end = input({ name: 'plannedEnd', type: 'datetime-local', value: toLocalInput(c.plannedEnd) });
  return {
    nodes: [h('div', { class: 'row' }, field(t('itil.change.risk'), risk), field(t('ticket.category'), category, { class: 'grow' })), h('div', { class: 'row' }, field(t('itil.change.plannedStart'), start), field(t('itil.change.plannedEnd'), end))],
    read(): Record<string, unknown> {
      const out: Record<string, unknown> = {};
      const r = chosen(risk, CHANGE_RISKS);
      if (r !== c.risk) out.risk = r;
      const cat = category.value ? Number(category.value) : null;
      if (cat !== c.categoryId) out.categoryId = cat;
      // Compared as the input shows them: an untouched date is not sent again.
      if (start.value !== toLocalInput(c.plannedStart)) out.plannedStart = fromLocalInput(start.value);
      if (end.value !== toLocalInput(c.plannedEnd)) out.plannedEnd = fromLocalInput(end.value);
      return out;
    },
  };
}

/**
 * One change: the plans (impact analysis, rollout, backup, rollback) with its risk and planned window,
 * editable until it is submitted; the approval rounds and their answers; the devices it is applied to,
 * the tickets and problems it answers; and the timeline it shares with tickets.
 */
export const changeView: ViewFn = async ({ route, session }) => {
  if (route.name !== 'change') throw new Error('not a change route');
  const [first, { categories, users, groups }] = await Promise.all([api.get<ChangeDetail>(itilApiPath('change', route.id)), helpdeskLists()]);
  // Not `change`: that class is a device history line's (app.css), and would make the page its grid.
  const root = h('article', { class: 'ticket change-page' });
  const status = h('div', { class: 'status-line', role: 'status', tabindex: -1 });
  const staff = session.can.workTickets;

  const refresh = (message: string) => void api.get<ChangeDetail>(itilApiPath('change', first.id)).then((c) => render(c, message));
  const render = (c: ChangeDetail, message?: string) => {
    const names = namesFor({ ...c, people: [c.author] }, users, groups, categories);
    const descId = uid('desc');
    // What the approvers judge must not move under them: no edits while the change waits for them.
    const editable = staff && c.status !== 'approval' && c.status !== 'closed';
    replace(
      root,
      h('p', { class: 'crumbs' }, h('a', { href: changesHref() }, t('itil.changes.title')), ' / ', `#${c.id}`),
      pageHeading(h('span', null, h('span', { class: 'muted' }, `#${c.id} `), c.title), statusBadge(c.status), priorityBadge(c.priority), riskBadge(c.risk)),
      h('p', { class: 'muted' }, t('itil.change.openedBy', { name: personName(c.author), date: formatDateTime(c.createdAt) })),
      status,
      c.status === 'approval' && h('p', { class: 'notice' }, t('itil.change.waitingApproval')),
      itilActions({ kind: 'change', item: c, table: CHANGE_ACTIONS, staff: users.filter(isTechnician), groups, approvers: users.filter((u) => u.role !== 'requester'), done: render }),
      h(
        'div',
        { class: 'ticket-top' },
        h('section', { class: 'card description', 'aria-labelledby': descId }, h('h2', { id: descId }, t('ticket.description')), h('p', { class: 'prewrap' }, c.description)),
        textFieldsCard<ChangeDetail>(
          t('itil.change.plans'),
          'change',
          c.id,
          [
            { name: 'impactAnalysis', label: t('itil.field.impactAnalysis'), value: c.impactAnalysis },
            { name: 'rolloutPlan', label: t('itil.field.rolloutPlan'), value: c.rolloutPlan },
            { name: 'backupPlan', label: t('itil.field.backupPlan'), value: c.backupPlan },
            { name: 'rollbackPlan', label: t('itil.field.rollbackPlan'), value: c.rollbackPlan },
          ],
          {
            editable,
            done: render,
            summary: [
              [t('itil.change.risk'), riskBadge(c.risk)],
              [t('itil.change.plannedStart'), c.plannedStart ? formatDateTime(c.plannedStart) : '—'],
              [t('itil.change.plannedEnd'), c.plannedEnd ? formatDateTime(c.plannedEnd) : '—'],
              [t('itil.change.appliedAt'), c.appliedAt ? formatDateTime(c.appliedAt) : null],
            ],
            extraControls: () => planControls(c, categories),
          },
        ),
      ),
      approvalsPanel('change', c.id, refresh),
      linksSection<ChangeDetail>(
        'change',
        c.id,
        [
          { heading: t('itil.links.problems'), refs: c.problems, empty: t('itil.links.noProblem') },
          { heading: t('itil.links.tickets'), refs: c.tickets, empty: t('itil.links.noTicket') },
        ],
        { editable: staff, hint: t('itil.links.changeHint'), done: render, reload: refresh },
      ),
      deviceContext('change', c, session.can.seeDevices, staff, {
        ...(staff && c.status !== 'closed' ? { unlink: unlinkDeviceButton('change', c.id, refresh), extra: linkDevicesForm<ChangeDetail>('change', c.id, render) } : {}),
      }),
      h(
        'div',
        { class: 'ticket-body' },
        timeline('change', c, names, staff, render),
        h('aside', { class: 'ticket-side' }, itilDetailsCard(c, categories, [[t('itil.approval.status'), approvalBadge(c.approvalStatus)]])),
      ),
    );
    if (message) {
      replace(status, message);
      status.focus();
    }
  };
  render(first);
  return { title: `#${first.id} ${first.title}`, node: root };
};
