import type { AnswerApprovalBody } from '@parc/shared/api';
import { api } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { approvalModeLabel, formatDateTime, personName } from '../format.js';
import { t, type PlainKey } from '../i18n/i18n.js';
import { itilApiPath, type ItilKind } from '../itil.js';
import { approvalsHref } from '../routes.js';
import type { ApprovalRound, ApprovalSummary, Approver, MyApproval, MyApprovalList } from '../types.js';
import { approvalBadge, statusBadge } from '../ui/badges.js';
import { field, textarea } from '../ui/fields.js';
import { flash, takeFlash } from '../ui/flash.js';
import { pageHeading } from '../ui/heading.js';
import { kv } from '../ui/kv.js';
import { alertRegion, loadFailed, showError } from '../ui/notice.js';
import { table } from '../ui/table.js';
import type { ViewFn } from '../view.js';
import { itilHref } from './itil-page.js';

const KIND_LABELS: Record<ItilKind, PlainKey> = { ticket: 'itil.kind.ticket', problem: 'itil.kind.problem', change: 'itil.kind.change' };

/**
 * Approve or refuse, with a comment (required to refuse: the author needs to know what to amend). Both
 * buttons submit the same form; `done` runs after the server took the answer.
 */
export function answerForm(roundId: number, label: string, done: (message: string) => void): HTMLElement {
  const comment = textarea({ name: 'comment', rows: 2 });
  const errors = alertRegion();
  const approve = h('button', { type: 'submit', class: 'btn btn-primary', value: 'approve' }, t('itil.approval.approve'));
  const refuse = h('button', { type: 'submit', class: 'btn btn-danger', value: 'refuse' }, t('itil.approval.refuse'));
  const form = h(
    'form',
    { class: 'stack approval-answer', 'aria-label': label },
    errors,
    field(t('itil.approval.comment'), comment, { hint: t('itil.approval.commentHint') }),
    h('div', { class: 'form-buttons' }, approve, refuse),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const answer = (e as SubmitEvent).submitter === refuse ? 'refuse' : 'approve';
    const text = comment.value.trim();
    if (answer === 'refuse' && !text) {
      showError(errors, t('itil.approval.refuseNeedsComment'));
      comment.setAttribute('aria-invalid', 'true');
      comment.focus();
      return;
    }
    approve.disabled = refuse.disabled = true;
    api
      .post(`/api/v1/approvals/${roundId}/answer`, { answer, ...(text ? { comment: text } : {}) } satisfies AnswerApprovalBody)
      .then(() => done(answer === 'approve' ? t('itil.approval.approved') : t('itil.approval.refused')))
      .catch((err: unknown) => {
        showError(errors, err, form);
        approve.disabled = refuse.disabled = false;
      });
  });
  return form;
}

const approverName = (a: Approver) => (a.user ? personName(a.user) : a.group ? t('ticket.groupName', { name: a.group.name }) : '—');

/** One round: who asked and how (any / all), each approver's answer with its comment, and how it settled. */
function roundCard(r: ApprovalRound, index: number, done: (message: string) => void): HTMLElement {
  const id = uid('round');
  const rows = r.approvers.map((a) => [
    approverName(a),
    approvalBadge(a.state),
    a.comment ? h('span', { class: 'prewrap' }, a.comment) : '—',
    a.answeredAt ? h('span', null, formatDateTime(a.answeredAt), a.answeredBy && a.group ? h('small', { class: 'muted' }, ` · ${personName(a.answeredBy)}`) : null) : '—',
  ]);
  return h(
    'article',
    { class: ['approval-round', `round-${r.status}`], 'aria-labelledby': id, 'data-round-id': r.id },
    h('h3', { id }, t('itil.approval.round', { n: index }), ' ', approvalBadge(r.status)),
    kv(
      [
        [t('itil.approval.requestedBy'), t('itil.approval.requestedOn', { name: personName(r.requestedBy), date: formatDateTime(r.createdAt) })],
        [t('itil.action.approvalMode'), approvalModeLabel(r.mode)],
        [t('itil.approval.note'), r.comment ? h('span', { class: 'prewrap' }, r.comment) : null],
        [t('itil.approval.settled'), r.settledAt ? formatDateTime(r.settledAt) : null],
      ],
      'kv kv-compact',
    ),
    table(t('itil.approval.round', { n: index }), [t('itil.approval.approver'), t('itil.approval.answer'), t('itil.approval.comment'), t('itil.approval.answeredAt')], rows, { hideCaption: true }),
    r.canAnswer && answerForm(r.id, t('itil.approval.yourAnswer'), done),
  );
}

/**
 * The approval rounds of a ticket, problem or change, newest first, each with its answers; the caller
 * answers a round they are asked on from here too. Loaded on its own so the page shows while it comes.
 */
export function approvalsPanel(kind: ItilKind, id: number, answered: (message: string) => void): HTMLElement {
  const headingId = uid('approvals');
  const body = h('div', null, h('p', { class: 'muted' }, t('itil.approval.loading')));
  const load = () =>
    api
      .get<ApprovalSummary>(`${itilApiPath(kind, id)}/approvals`)
      .then((s) =>
        replace(
          body,
          h('p', null, t('itil.approval.status'), ' ', approvalBadge(s.status)),
          s.rounds.length === 0 ? h('p', { class: 'empty' }, t('itil.approval.noRound')) : s.rounds.map((r, i) => roundCard(r, s.rounds.length - i, answered)),
        ),
      )
      .catch((err: unknown) => replace(body, loadFailed(err, () => void load())));
  void load();
  return h('section', { class: 'card approvals', 'aria-labelledby': headingId }, h('h2', { id: headingId }, t('itil.approval.heading')), body);
}

/** The approvals waiting for the signed-in person (or those they gave), each answerable in place. */
export const approvalsView: ViewFn = async ({ route, reload }) => {
  const answeredList = route.query.state === 'answered';
  const list = await api.get<MyApprovalList>('/api/v1/approvals', { state: answeredList ? 'answered' : 'pending' });
  const title = t('itil.approvals.title');
  // The answered round leaves the list: the page is drawn again, the confirmation kept across it.
  const done = (message: string) => {
    flash(message);
    reload();
  };
  const item = (a: MyApproval) => {
    const id = uid('appr');
    return h(
      'article',
      { class: 'card my-approval', 'aria-labelledby': id, 'data-round-id': a.roundId },
      h('h2', { id }, h('span', { class: 'muted' }, `${t(KIND_LABELS[a.item.kind])} #${a.item.id} `), h('a', { href: itilHref(a.item.kind, a.item.id) }, a.item.title), ' ', statusBadge(a.item.status)),
      kv(
        [
          [t('itil.approval.requestedBy'), t('itil.approval.requestedOn', { name: personName(a.requestedBy), date: formatDateTime(a.createdAt) })],
          [t('itil.action.approvalMode'), approvalModeLabel(a.mode)],
          [t('itil.approval.via'), a.viaGroups.length ? a.viaGroups.map((g) => t('ticket.groupName', { name: g.name })).join(', ') : null],
          [t('itil.approval.note'), a.comment ? h('span', { class: 'prewrap' }, a.comment) : null],
          [t('itil.approval.yourAnswer'), answeredList ? h('span', null, approvalBadge(a.answer), a.answeredAt ? ` ${formatDateTime(a.answeredAt)}` : '') : null],
          [t('itil.approval.roundStatus'), answeredList ? approvalBadge(a.status) : null],
        ],
        'kv kv-compact',
      ),
      !answeredList && a.status === 'pending' && answerForm(a.roundId, t('itil.approval.answerFor', { title: a.item.title }), done),
    );
  };
  return {
    title,
    node: h(
      'section',
      { class: 'narrow' },
      pageHeading(title),
      h(
        'nav',
        { class: 'tabs', 'aria-label': t('itil.approvals.which') },
        h('a', { href: approvalsHref(), 'aria-current': answeredList ? null : 'page' }, t('itil.approvals.pending')),
        h('a', { href: approvalsHref({ state: 'answered' }), 'aria-current': answeredList ? 'page' : null }, t('itil.approvals.answered')),
      ),
      takeFlash(),
      list.items.length === 0 ? h('p', { class: 'empty' }, answeredList ? t('itil.approvals.noneAnswered') : t('itil.approvals.nonePending')) : list.items.map(item),
    ),
  };
};
