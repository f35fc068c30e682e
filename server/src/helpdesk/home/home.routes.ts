import { HOME_LIST_LIMIT, requesterHomeSchema, technicianHomeSchema } from '@parc/shared/api';
import { ROLE_SETS, systemClock } from '@parc/shared';
import type { AppDeps } from '../../platform/app-deps.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { requesterHome } from './requester-home.repository.js';
import { technicianHome } from './technician-home.repository.js';

const TAG = 'home';

/** The helpdesk's two home pages: a technician's queue, and anyone's own tickets. */
export function registerHelpdeskHomeRoutes(api: ApiBuilder, { db, clock = systemClock }: AppDeps) {
  api.route(
    {
      method: 'get',
      path: '/api/v1/home/technician',
      tag: TAG,
      summary: "A technician's home: their queue, unassigned tickets, SLA at risk or breached",
      description: `Open tickets assigned to the caller or their groups (counts by status and priority, the ${HOME_LIST_LIMIT} most urgent), open tickets nobody is assigned to, and open tickets at risk of or past their resolution target (how long overdue). Counts cover every ticket; lists are short.`,
      access: ROLE_SETS.helpdeskStaff,
      responses: { 200: { description: 'The home', schema: technicianHomeSchema } },
    },
    async (c, { user }) => c.json(await technicianHome(db, user!.id, clock.now(), HOME_LIST_LIMIT)),
  );

  api.route(
    {
      method: 'get',
      path: '/api/v1/home/requester',
      tag: TAG,
      summary: "A person's own tickets: counts by status and the ones still open or awaiting their verdict",
      description: 'The tickets the caller requested or observes: how many in each status, how many solved ones wait for them to accept or refuse the solution, and the open and solved ones, most recently updated first.',
      access: 'user',
      responses: { 200: { description: 'The home', schema: requesterHomeSchema } },
    },
    async (c, { user }) => c.json(await requesterHome(db, user!.id, clock.now())),
  );
}
