import type { AuditEntry, AuditPage } from '@parc/shared/api';
import { api } from '../../api.js';
import { auditApiQuery, auditDetailText } from '../../audit-logic.js';
import { h } from '../../dom.js';
import { buildQuery } from '../../query.js';
import { formatDateTime } from '../../format.js';
import { t } from '../../i18n/i18n.js';
import { adminHref } from '../../routes.js';
import { field, input, select } from '../../ui/fields.js';
import { table } from '../../ui/table.js';
import type { AdminPageFn } from './admin.js';
import { AUDIT_ACTION_LABELS } from './audit-labels.js';

const actionLabel = (action: string) => (Object.hasOwn(AUDIT_ACTION_LABELS, action) ? t(AUDIT_ACTION_LABELS[action]!) : action);

const actorText = (e: AuditEntry) => e.actor.username ?? (e.actor.agentId ? t('adminAudit.agent', { id: e.actor.agentId }) : t('adminAudit.nobody'));
const targetText = (e: AuditEntry) => (e.target ? `${e.target.type} ${e.target.label ?? e.target.id ?? ''}`.trim() : t('adminAudit.nobody'));

/** The audit log: filters in the URL (bookmarkable), newest first, older pages by keyset. */
export const auditPage: AdminPageFn = async ({ route, navigate }) => {
  const q = route.query;
  const page = await api.get<AuditPage>('/api/v1/audit', auditApiQuery(q));
  const actionOptions = [['', t('adminAudit.filter.anyAction')] as const, ...Object.keys(AUDIT_ACTION_LABELS).map((a) => [a, actionLabel(a)] as const)];
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('adminAudit.filter') },
    field(t('adminAudit.filter.action'), select('action', actionOptions, q.action ?? '')),
    field(t('adminAudit.filter.actor'), input({ name: 'actor', value: q.actor ?? '', autocomplete: 'off', autocapitalize: 'none' })),
    field(t('adminAudit.filter.address'), input({ name: 'address', value: q.address ?? '', autocomplete: 'off' })),
    field(t('adminAudit.filter.since'), input({ name: 'since', type: 'date', value: q.since ?? '' })),
    field(t('adminAudit.filter.until'), input({ name: 'until', type: 'date', value: q.until ?? '' })),
    h('div', { class: 'filter-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('adminAudit.filter.submit')), h('a', { class: 'btn btn-quiet', href: adminHref('audit') }, t('adminAudit.filter.reset'))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim() !== '') next[k] = v.trim();
    navigate(adminHref('audit', next));
  });
  const rows = page.items.map((e) => [
    h('time', { datetime: e.at }, formatDateTime(e.at)),
    h('span', { 'data-action': e.action }, actionLabel(e.action)),
    actorText(e),
    targetText(e),
    e.address ?? t('adminAudit.nobody'),
    h('code', { class: 'small' }, auditDetailText(e.detail)),
  ]);
  const columns = [t('adminAudit.column.at'), t('adminAudit.column.action'), t('adminAudit.column.actor'), t('adminAudit.column.target'), t('adminAudit.column.address'), t('adminAudit.column.detail')];
  const { before: _before, ...filters } = q;
  const { limit: _limit, before: _b, ...csvQuery } = auditApiQuery(filters);
  const csv = h('a', { class: 'btn btn-quiet', href: `/api/v1/audit.csv${buildQuery(csvQuery)}`, download: '' }, t('adminAudit.csv'));
  const nav = h(
    'p',
    { class: 'pager' },
    q.before ? h('a', { class: 'btn btn-quiet', href: adminHref('audit', filters) }, t('adminAudit.newest')) : null,
    page.nextBefore !== null ? h('a', { class: 'btn', href: adminHref('audit', { ...filters, before: page.nextBefore }) }, t('adminAudit.older')) : null,
    csv,
  );
  return { title: t('adminAudit.title'), intro: t('adminAudit.intro'), body: [form, table(t('adminAudit.title'), columns, rows, { hideCaption: true, empty: t('adminAudit.empty') }), nav] };
};
