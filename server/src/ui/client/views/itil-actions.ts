import { APPROVAL_MODES } from '@parc/shared/api/approval-enums';
import { actionBody, actionsToOffer, TICKET_ACTIONS, type ActionInputValues, type ActionMeta, type ActionTable } from '../actions.js';
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { approvalModeLabel, personName, statusLabel } from '../format.js';
import { t, type PlainKey } from '../i18n/i18n.js';
import { itilApiPath, type ItilItem, type ItilKind } from '../itil.js';
import type { Group, User } from '../types.js';
import { checkbox, chosen, field, select, textarea } from '../ui/fields.js';
import { alertRegion, showError } from '../ui/notice.js';

export interface ActionDeps<T extends ItilItem> {
  kind: ItilKind;
  item: T;
  /** How the kind's actions are offered (the tickets' by default). */
  table?: ActionTable<string>;
  /** Technicians and admins who can be assigned (empty for requesters). */
  staff: User[];
  groups: Group[];
  /** Who may be asked to approve (any active user; the technicians when not given). */
  approvers?: User[];
  /** Called with the object as the server returns it after the action, and what to announce. */
  done(next: T, message: string): void;
}

/**
 * The workflow actions the server offers this person now on a ticket, problem or change, as buttons. An
 * action that needs input (reason, solution, whom to assign, approvers) opens a small form under the
 * buttons instead of a modal dialog.
 */
export function itilActions<T extends ItilItem>({ kind, item, table = TICKET_ACTIONS, staff, groups, approvers = staff, done }: ActionDeps<T>): HTMLElement | null {
  const offered = actionsToOffer(item.availableActions, table);
  if (offered.length === 0) return null;
  const panel = h('div', { class: 'action-panel' });
  const errors = alertRegion();
  let openButton: HTMLButtonElement | null = null;

  const run = async (meta: ActionMeta, body: Record<string, unknown>, trigger: HTMLButtonElement) => {
    trigger.disabled = true;
    try {
      const next = await api.post<T>(`${itilApiPath(kind, item.id)}/actions`, body);
      done(next, kind === 'ticket' ? t('ticket.action.done', { action: confirmLabel(meta), status: next.status }) : t('itil.action.done', { action: confirmLabel(meta), status: statusLabel(next.status) }));
    } catch (err) {
      showError(errors, err, panel.querySelector('form') ?? undefined);
      trigger.disabled = false;
    }
  };

  const buttons = offered.map((meta) => {
    const b = h('button', { type: 'button', class: ['btn', meta.primary && 'btn-primary'], 'data-action': meta.action }, t(meta.label));
    if (meta.input !== 'none') b.setAttribute('aria-expanded', 'false');
    b.addEventListener('click', () => {
      errors.replaceChildren();
      if (meta.input === 'none') return void run(meta, { action: meta.action }, b);
      const closing = openButton === b;
      openButton?.setAttribute('aria-expanded', 'false');
      panel.replaceChildren();
      openButton = null;
      if (closing) return;
      openButton = b;
      b.setAttribute('aria-expanded', 'true');
      const form = actionForm(meta, item, { staff, groups, approvers }, (body, submit) => void run(meta, body, submit), () => {
        panel.replaceChildren();
        b.setAttribute('aria-expanded', 'false');
        openButton = null;
        b.focus();
      });
      replace(panel, form);
      form.querySelector<HTMLElement>('textarea, select, input')?.focus();
    });
    return b;
  });

  return h('div', { class: 'actions' }, h('div', { class: 'action-buttons', role: 'group', 'aria-label': t(ACTIONS_LABEL[kind]) }, buttons), errors, panel);
}

const ACTIONS_LABEL: Record<ItilKind, PlainKey> = { ticket: 'ticket.actions.label', problem: 'itil.actions.problem', change: 'itil.actions.change' };

/** "Solve…" opens the form; its confirm button says "Solve". */
const confirmLabel = (meta: ActionMeta) => t(meta.label).replace('…', '');

function actionForm(
  meta: ActionMeta,
  item: ItilItem,
  { staff, groups, approvers }: { staff: User[]; groups: Group[]; approvers: User[] },
  submit: (body: Record<string, unknown>, button: HTMLButtonElement) => void,
  cancel: () => void,
): HTMLFormElement {
  const confirm = h('button', { type: 'submit', class: 'btn btn-primary' }, confirmLabel(meta));
  const controls: (HTMLElement | false)[] = [];
  let read: () => ActionInputValues = () => ({});

  if (meta.input === 'reason' || meta.input === 'optional-reason' || meta.input === 'solution' || meta.input === 'optional-note') {
    const name = meta.input === 'solution' ? 'solution' : meta.input === 'optional-note' ? 'note' : 'reason';
    const text = textarea({ name, required: meta.input === 'reason' || meta.input === 'solution' });
    controls.push(field(t(meta.fieldLabel ?? 'ticket.action.reason'), text));
    read = () => ({ text: text.value });
  } else if (meta.input === 'assign') {
    const user = select('userIds', [['', t('ticket.action.noTechnician')], ...staff.filter((u) => !item.assignees.users.some((a) => a.id === u.id)).map((u) => [String(u.id), personName(u)] as const)]);
    const group = select('groupIds', [['', t('ticket.action.noGroup')], ...groups.filter((g) => !item.assignees.groups.some((a) => a.id === g.id)).map((g) => [String(g.id), g.name] as const)]);
    controls.push(field(t('ticket.action.technician'), user), field(t('ticket.action.group'), group));
    read = () => ({ userIds: user.value ? [Number(user.value)] : [], groupIds: group.value ? [Number(group.value)] : [] });
  } else if (meta.input === 'approval') {
    const people = approvers.filter((u) => !u.disabled).map((u) => ({ id: u.id, el: checkbox('approverUserIds', false, { value: u.id }), label: `${personName(u)} (${u.username})` }));
    const teams = groups.map((g) => ({ id: g.id, el: checkbox('approverGroupIds', false, { value: g.id }), label: t('ticket.groupName', { name: g.name }) }));
    const mode = select('mode', APPROVAL_MODES.map((m) => [m, approvalModeLabel(m)] as const), 'all');
    const comment = textarea({ name: 'comment', rows: 2 });
    controls.push(
      h('fieldset', { class: 'pick-list' }, h('legend', null, t('itil.action.approvers')), people.map((b) => field(b.label, b.el, { inline: true }))),
      teams.length > 0 && h('fieldset', { class: 'pick-list' }, h('legend', null, t('itil.action.approverGroups')), teams.map((b) => field(b.label, b.el, { inline: true }))),
      field(t('itil.action.approvalMode'), mode, { hint: t('itil.action.approvalModeHint') }),
      field(t(meta.fieldLabel ?? 'ticket.action.reason'), comment),
    );
    read = () => ({
      userIds: people.filter((b) => b.el.checked).map((b) => b.id),
      groupIds: teams.filter((b) => b.el.checked).map((b) => b.id),
      mode: chosen(mode, APPROVAL_MODES),
      text: comment.value,
    });
  } else if (meta.input === 'unassign') {
    const boxes = [
      ...item.assignees.users.map((u) => ({ kind: 'user' as const, id: u.id, el: checkbox('userIds', false, { value: u.id }), label: personName(u) })),
      ...item.assignees.groups.map((g) => ({ kind: 'group' as const, id: g.id, el: checkbox('groupIds', false, { value: g.id }), label: t('ticket.groupName', { name: g.name }) })),
    ];
    controls.push(h('fieldset', null, h('legend', null, t('ticket.action.removeFrom')), boxes.map((b) => field(b.label, b.el, { inline: true }))));
    read = () => ({
      userIds: boxes.filter((b) => b.kind === 'user' && b.el.checked).map((b) => b.id),
      groupIds: boxes.filter((b) => b.kind === 'group' && b.el.checked).map((b) => b.id),
    });
  }

  const form = h(
    'form',
    { class: 'card action-form', 'aria-label': confirmLabel(meta) },
    controls,
    h('div', { class: 'form-buttons' }, confirm, h('button', { type: 'button', class: 'btn btn-quiet', on: { click: cancel } }, t('common.cancel'))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = actionBody(meta, read());
    if (!body) {
      const first = form.querySelector<HTMLElement>('textarea, select, input');
      first?.setAttribute('aria-invalid', 'true');
      first?.focus();
      return;
    }
    submit(body, confirm);
  });
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') cancel();
  });
  return form;
}
