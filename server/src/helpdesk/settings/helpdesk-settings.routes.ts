import { recordAudit } from '../../platform/audit/audit.repository.js';
import { auditActor } from '../../platform/audit/audit-actor.js';
import { ROLE_SETS } from '@parc/shared';
import type { AppDeps } from '../../platform/app-deps.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { helpdeskSettingsSchema, putHelpdeskSettingsBodySchema } from './helpdesk-settings.schemas.js';
import { getHelpdeskSettings, putHelpdeskSettings } from './helpdesk-settings.service.js';

const tag = 'helpdesk admin';

export function registerHelpdeskSettingsRoutes(api: ApiBuilder, { db, log }: AppDeps) {
  api.route(
    { method: 'get', path: '/api/v1/settings/helpdesk', tag, summary: 'Helpdesk settings', access: ROLE_SETS.staffReaders, responses: { 200: { description: 'Settings in force', schema: helpdeskSettingsSchema } } },
    async (c) => c.json(await getHelpdeskSettings(db)),
  );
  api.route(
    {
      method: 'put',
      path: '/api/v1/settings/helpdesk',
      tag,
      summary: 'Change helpdesk settings',
      description:
        '`priorityMatrix`: 5 rows (urgency 1–5) of 5 priorities 1–5 (impact 1–5), GLPI\'s matrix by default; `autoCloseDays`: 0 = never (default 7); `deviceChangesDays` (default 14). Fields left out keep their value. A bad matrix cell is a 400 naming it (field `priorityMatrix.<row>.<column>`, 0-based).',
      access: ROLE_SETS.admins,
      body: putHelpdeskSettingsBodySchema,
      responses: { 200: { description: 'Settings in force', schema: helpdeskSettingsSchema } },
    },
    async (c, { body, user }) => {
      const settings = await db.transaction().execute(async (tx) => {
        const after = await putHelpdeskSettings(tx, body);
        await recordAudit(tx, { actor: auditActor(c), action: 'settings.changed', target: { type: 'settings', id: 'helpdesk' }, detail: { changed: body } });
        return after;
      });
      log.info({ userId: user?.id, fields: Object.keys(body) }, 'helpdesk settings changed');
      return c.json(settings);
    },
  );
}
