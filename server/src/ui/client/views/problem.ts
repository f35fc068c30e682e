import { PROBLEM_ACTIONS } from '../actions.js';
import { api } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { formatDateTime, personName } from '../format.js';
import { t } from '../i18n/i18n.js';
import { itilApiPath } from '../itil.js';
import { newChangeHref, problemsHref } from '../routes.js';
import type { ProblemDetail } from '../types.js';
import { priorityBadge, statusBadge } from '../ui/badges.js';
import { pageHeading } from '../ui/heading.js';
import type { ViewFn } from '../view.js';
import { itilActions } from './itil-actions.js';
import { deviceContext } from './itil-devices.js';
import { helpdeskLists, itilDetailsCard, isTechnician, linkDevicesForm, linksSection, namesFor, textFieldsCard, unlinkDeviceButton } from './itil-page.js';
import { timeline } from './itil-timeline.js';

/**
 * One problem: what it is and what it affects, the analysis (root cause, workaround, permanent fix)
 * editable in place, the tickets and changes linked to it, its devices, and the timeline it shares with
 * tickets. Actions, followups and tasks update the page from the problem the server returns.
 */
export const problemView: ViewFn = async ({ route, session }) => {
  if (route.name !== 'problem') throw new Error('not a problem route');
  const [first, { categories, users, groups }] = await Promise.all([api.get<ProblemDetail>(itilApiPath('problem', route.id)), helpdeskLists()]);
  const root = h('article', { class: 'ticket problem' });
  const status = h('div', { class: 'status-line', role: 'status', tabindex: -1 });
  const staff = session.can.workTickets;

  const refresh = (message: string) => void api.get<ProblemDetail>(itilApiPath('problem', first.id)).then((p) => render(p, message));
  const render = (p: ProblemDetail, message?: string) => {
    const names = namesFor({ ...p, people: [p.author] }, users, groups, categories);
    const descId = uid('desc');
    replace(
      root,
      h('p', { class: 'crumbs' }, h('a', { href: problemsHref() }, t('itil.problems.title')), ' / ', `#${p.id}`),
      pageHeading(h('span', null, h('span', { class: 'muted' }, `#${p.id} `), p.title), statusBadge(p.status), priorityBadge(p.priority), staff && h('a', { class: 'btn', href: newChangeHref([p.id]) }, t('itil.problem.newChange'))),
      h('p', { class: 'muted' }, t('itil.problem.openedBy', { name: personName(p.author), date: formatDateTime(p.createdAt) })),
      status,
      itilActions({ kind: 'problem', item: p, table: PROBLEM_ACTIONS, staff: users.filter(isTechnician), groups, done: render }),
      h(
        'div',
        { class: 'ticket-top' },
        h(
          'section',
          { class: 'card description', 'aria-labelledby': descId },
          h('h2', { id: descId }, t('ticket.description')),
          h('p', { class: 'prewrap' }, p.description),
          p.solution && h('div', { class: 'notice notice-ok' }, h('strong', null, t('ticket.solutionLead')), ' ', h('span', { class: 'prewrap' }, p.solution)),
        ),
        textFieldsCard<ProblemDetail>(
          t('itil.problem.analysis'),
          'problem',
          p.id,
          [
            { name: 'impactAnalysis', label: t('itil.field.impactAnalysis'), value: p.impactAnalysis },
            { name: 'rootCause', label: t('itil.field.rootCause'), value: p.rootCause },
            { name: 'workaround', label: t('itil.field.workaround'), value: p.workaround, hint: t('itil.field.workaroundHint') },
            { name: 'permanentFix', label: t('itil.field.permanentFix'), value: p.permanentFix },
          ],
          { editable: staff && p.status !== 'closed', done: render },
        ),
      ),
      linksSection<ProblemDetail>(
        'problem',
        p.id,
        [
          { heading: t('itil.links.tickets'), refs: p.tickets, empty: t('itil.links.noTicket') },
          { heading: t('itil.links.changes'), refs: p.changes, empty: t('itil.links.noChange') },
        ],
        { editable: staff, hint: t('itil.links.problemHint'), done: render, reload: refresh },
      ),
      deviceContext('problem', p, session.can.seeDevices, staff, {
        ...(staff ? { unlink: unlinkDeviceButton('problem', p.id, refresh), extra: linkDevicesForm<ProblemDetail>('problem', p.id, render) } : {}),
      }),
      h(
        'div',
        { class: 'ticket-body' },
        timeline('problem', p, names, staff, render),
        h('aside', { class: 'ticket-side' }, itilDetailsCard(p, categories)),
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
