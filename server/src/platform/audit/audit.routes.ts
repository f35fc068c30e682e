import { ROLE_SETS } from '@parc/shared';
import { z } from 'zod';
import { auditPageSchema, auditQuerySchema } from '@parc/shared/api';
import type { AppDeps } from '../app-deps.js';
import type { ApiBuilder } from '../http/api-builder.js';
import { ValidationError } from '../http/errors.js';
import { AUDIT_ACTIONS } from './audit-actions.js';
import { auditCsv } from './audit-csv.js';
import { listAudit, type AuditQuery } from './audit.repository.js';
import type { AuditEntryRow } from './audit.tables.js';

/** The query string as the repository's filters; an unknown action is a 400 naming it. */
export function auditFilters(q: ReturnType<typeof auditQuerySchema.parse>): AuditQuery {
  const actions = q.action ? q.action.split(',').map((a) => a.trim()).filter(Boolean) : undefined;
  const unknown = actions?.filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a)) ?? [];
  if (unknown.length) throw new ValidationError(`unknown action ${unknown.join(', ')}; known: ${AUDIT_ACTIONS.join(', ')}`, 'action');
  const since = q.since ? new Date(q.since) : undefined;
  const until = q.until ? new Date(q.until) : undefined;
  if (since && until && since >= until) throw new ValidationError('`until` must be after `since`', 'until');
  return {
    action: actions,
    actorUsername: q.actor,
    actorUserId: q.actorUserId,
    targetType: q.targetType,
    targetId: q.targetId,
    address: q.address,
    since,
    until,
    beforeId: q.before,
    // One more than asked: tells whether an older page exists.
    limit: q.limit + 1,
  };
}

export function toApiAuditEntry(r: AuditEntryRow) {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    action: r.action,
    actor: { userId: r.actor_user_id, username: r.actor_username, agentId: r.actor_agent_id },
    address: r.address,
    target: r.target_type === null ? null : { type: r.target_type, id: r.target_id, label: r.target_label },
    detail: r.detail,
  };
}

export function registerAuditRoutes(api: ApiBuilder, { db }: AppDeps) {
  api.route(
    {
      method: 'get',
      path: '/api/v1/audit',
      tag: 'audit',
      summary: 'The audit log',
      description: `Newest first. Filters: \`action\` (comma-separated: ${AUDIT_ACTIONS.join(', ')}), \`actor\` (username), \`actorUserId\`, \`targetType\` and \`targetId\`, \`address\`, \`since\` and \`until\` (ISO dates or date-times). Page with \`before\` = the previous page's \`nextBefore\`.`,
      access: ROLE_SETS.admins,
      query: auditQuerySchema,
      responses: { 200: { description: 'One page of entries', schema: auditPageSchema } },
    },
    async (c, { query }) => {
      const rows = await listAudit(db, auditFilters(query));
      const page = rows.slice(0, query.limit);
      return c.json({ items: page.map(toApiAuditEntry), nextBefore: rows.length > query.limit ? page[page.length - 1]!.id : null });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/v1/audit.csv',
      tag: 'audit',
      summary: 'The audit log as CSV',
      description: `The same filters as \`GET /api/v1/audit\`; the newest ${AUDIT_CSV_MAX} matching entries at most (narrow the dates for more). Cells that look like spreadsheet formulas are quoted.`,
      access: ROLE_SETS.admins,
      query: auditQuerySchema,
      responses: { 200: { description: 'CSV', schema: z.string(), contentType: 'text/csv' } },
    },
    async (c, { query }) => {
      const rows = await listAudit(db, { ...auditFilters(query), limit: AUDIT_CSV_MAX });
      c.header('Content-Disposition', 'attachment; filename="parc-audit.csv"');
      return c.body(auditCsv(rows), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    },
  );
}

/** Rows one CSV export holds: enough for months of a normal site, small enough to build in memory. */
export const AUDIT_CSV_MAX = 10_000;
