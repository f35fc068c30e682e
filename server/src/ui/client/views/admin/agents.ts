import { AGENT_STATES } from '@parc/shared/api/enums';
import { api } from '../../api.js';
import { h } from '../../dom.js';
import { formatDateTime, formatRelative } from '../../format.js';
import { t, type PlainKey } from '../../i18n/i18n.js';
import { intParam } from '../../query.js';
import { adminHref, deviceHref } from '../../routes.js';
import type { Agent, AgentPage, AgentState } from '../../types.js';
import { button, field, input, select } from '../../ui/fields.js';
import { flash } from '../../ui/flash.js';
import { alertRegion, showError } from '../../ui/notice.js';
import { pager } from '../../ui/pager.js';
import { table } from '../../ui/table.js';
import type { AdminPageFn } from './admin.js';

/** Every agent state (the type makes it exhaustive), with its label's key. */
const STATES: Record<AgentState, PlainKey> = {
  active: 'adminAgents.state.active',
  never_contacted: 'adminAgents.state.neverContacted',
  rekey_pending: 'adminAgents.state.rekeyPending',
  revoked: 'adminAgents.state.revoked',
};
const BADGE: Record<AgentState, string> = { active: 'token-active', never_contacted: 'token-expired', rekey_pending: 'status-pending', revoked: 'token-revoked' };
const PAGE = 50;

/**
 * Enrolled agents: find one by state or name, revoke it (its key stops at once) or ask it for a new key
 * (it rotates the key itself at its next contact). Filters live in the URL, so reload and back work.
 */
export const agentsPage: AdminPageFn = async ({ route, navigate, reload }) => {
  const q = route.query;
  const state = (AGENT_STATES as readonly string[]).includes(q.state ?? '') ? (q.state as AgentState) : undefined;
  const offset = intParam(q.offset, 0);
  // From the token list's "n agents" link: only that token's agents (kept while filtering).
  const tokenId = q.tokenId && /^\d{1,10}$/.test(q.tokenId) ? Number(q.tokenId) : undefined;
  const page = await api.get<AgentPage>('/api/v1/agents', { state, search: q.search, tokenId, limit: PAGE, offset });
  const now = new Date();
  const errors = alertRegion();

  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('adminAgents.filter.label') },
    field(t('common.search'), input({ name: 'search', type: 'search', value: q.search ?? '', maxlength: 256, placeholder: t('adminAgents.filter.searchPlaceholder') }), { class: 'grow' }),
    field(t('adminAgents.filter.state'), select('state', [['', t('adminAgents.filter.anyState')], ...AGENT_STATES.map((s) => [s, t(STATES[s])] as const)], state ?? '')),
    h('div', { class: 'filter-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.search')), h('a', { class: 'btn btn-quiet', href: adminHref('agents') }, t('common.reset'))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim() !== '') next[k] = v.trim();
    navigate(adminHref('agents', { ...next, tokenId }));
  });

  const act = async (agent: Agent, action: 'revoke' | 'rekey') => {
    const question = action === 'revoke' ? t('adminAgents.revokeConfirm', { hostname: agent.hostname }) : t('adminAgents.rekeyConfirm', { hostname: agent.hostname });
    if (!window.confirm(question)) return;
    try {
      await api.post(`/api/v1/agents/${encodeURIComponent(agent.id)}/${action}`);
      flash(action === 'revoke' ? t('adminAgents.revoked', { hostname: agent.hostname }) : t('adminAgents.rekeyRequested', { hostname: agent.hostname }));
      reload();
    } catch (err) {
      showError(errors, err);
    }
  };

  const when = (iso: string | null, none: string) => (iso ? h('time', { datetime: iso, title: formatDateTime(iso) }, formatRelative(iso, now)) : none);
  const rows = page.items.map((a) => [
    h('span', { class: 'strong' }, a.hostname),
    h('code', { title: a.id }, a.id.slice(0, 8)),
    a.device ? h('a', { href: deviceHref(a.device.id) }, a.device.hostname) : '—',
    a.enrollmentToken ? h('span', { title: a.enrollmentToken.description ?? '' }, h('code', null, `${a.enrollmentToken.prefix}…`), a.enrollmentToken.description ? ` ${a.enrollmentToken.description}` : '') : '—',
    [a.platform, a.agentVersion].filter(Boolean).join(' ') || '—',
    when(a.enrolledAt, '—'),
    when(a.lastContactAt, t('adminAgents.never')),
    h('span', { class: ['badge', BADGE[a.state]] }, t(STATES[a.state])),
    a.state === 'revoked'
      ? '—'
      : h(
          'span',
          { class: 'row-actions' },
          a.state !== 'rekey_pending'
            ? button(t('adminAgents.rekey'), { class: 'btn btn-small', 'aria-label': t('adminAgents.rekeyLabel', { hostname: a.hostname }), on: { click: () => void act(a, 'rekey') } })
            : null,
          button(t('adminAgents.revoke'), { class: 'btn btn-small btn-danger', 'aria-label': t('adminAgents.revokeLabel', { hostname: a.hostname }), on: { click: () => void act(a, 'revoke') } }),
        ),
  ]);
  const columns = [
    t('adminAgents.column.hostname'),
    t('adminAgents.column.id'),
    t('adminAgents.column.device'),
    t('adminAgents.column.token'),
    t('adminAgents.column.version'),
    t('adminAgents.column.enrolled'),
    t('adminAgents.column.lastContact'),
    t('adminAgents.column.state'),
    '',
  ];
  return {
    title: t('adminAgents.title'),
    intro: t('adminAgents.intro'),
    body: [
      form,
      errors,
      table(t('adminAgents.caption', { count: page.total }), columns, rows, { hideCaption: true, empty: t('adminAgents.empty') }),
      pager(page.offset, page.items.length, page.total, page.limit, (o) => adminHref('agents', { ...q, offset: o || undefined })),
    ],
  };
};
