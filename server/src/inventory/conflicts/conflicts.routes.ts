import { ROLE_SETS } from '@parc/shared';
import { z } from 'zod';
import type { AppDeps } from '../../platform/app-deps.js';
import { idParamSchema } from '../../platform/http/params.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { NotFoundError } from '../../platform/http/errors.js';

const conflictSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  agentId: z.string().nullable(),
  hostname: z.string().nullable(),
  identity: z.record(z.string(), z.unknown()),
  chosenDeviceId: z.number().int().nullable(),
  candidateIds: z.array(z.number().int()),
  rule: z.string(),
  reason: z.string(),
  resolvedAt: z.string().nullable(),
});

const listQuery = z.object({
  state: z.enum(['open', 'resolved', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export function registerConflictRoutes(api: ApiBuilder, { db }: AppDeps) {
  api.route(
    {
      method: 'get',
      path: '/api/v1/reconcile-conflicts',
      tag: 'devices',
      summary: 'Inventories whose evidence pointed at more than one device',
      description: 'Parc never merges devices on conflicting evidence; it picks one deterministically and lists the case here.',
      access: ROLE_SETS.admins,
      query: listQuery,
      responses: { 200: { description: 'Conflicts', schema: z.object({ items: z.array(conflictSchema), total: z.number().int() }) } },
    },
    async (c, { query }) => {
      let q = db.selectFrom('reconcile_conflicts');
      if (query.state === 'open') q = q.where('resolved_at', 'is', null);
      if (query.state === 'resolved') q = q.where('resolved_at', 'is not', null);
      const [rows, total] = await Promise.all([
        q.selectAll().orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return c.json({
        items: rows.map((r) => ({
          id: r.id,
          at: new Date(r.at).toISOString(),
          agentId: r.agent_id,
          hostname: r.hostname,
          identity: r.identity,
          chosenDeviceId: r.chosen_device_id,
          candidateIds: r.candidate_ids,
          rule: r.rule,
          reason: r.reason,
          resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
        })),
        total: Number(total.n),
      });
    },
  );

  api.route(
    { method: 'post', path: '/api/v1/reconcile-conflicts/:id/resolve', tag: 'devices', summary: 'Mark a conflict as looked at', access: ROLE_SETS.admins, params: idParamSchema, responses: { 204: { description: 'Resolved' } } },
    async (c, { params }) => {
      const row = await db.updateTable('reconcile_conflicts').set({ resolved_at: new Date() }).where('id', '=', params.id).returning('id').executeTakeFirst();
      if (!row) throw new NotFoundError(`conflict ${params.id}`);
      return c.body(null, 204);
    },
  );
}
