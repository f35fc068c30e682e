import type { ItilKindName } from '@parc/shared/api/itil-enums';
import { followupBodySchema, itilLinkBodySchema, linkDeviceBodySchema, patchTaskBodySchema, taskBodySchema } from '@parc/shared/api';
import { ROLE_SETS } from '@parc/shared';
import { z } from 'zod';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import type { AuthUser } from '../../platform/http/context.js';
import { idSchema } from '../../platform/http/params.js';
import { linkItems, unlinkItems } from './item-links.js';
import type { TicketCtx } from './ticket-context.js';
import { linkDevice, unlinkDevice } from './ticket-devices.js';
import { addFollowup } from './ticket-followups.js';
import { addTask, updateTask } from './ticket-tasks.js';
import { deviceLinkParamsSchema, taskParamsSchema, ticketParamsSchema } from './tickets.schemas.js';

/**
 * The routes a problem and a change share with each other (and, by their handlers, with tickets):
 * followups, tasks, devices and links under `/api/v1/<kind>s/:id/…`, staff only, each answering the
 * object's page. One declaration for both kinds.
 */

export interface ItemRoutes {
  kind: Exclude<ItilKindName, 'ticket'>;
  tag: string;
  /** The object's page, the answer of every route here. */
  detailSchema: z.ZodType;
  show: (user: AuthUser, id: number) => Promise<unknown>;
  ctx: (user: AuthUser) => TicketCtx;
}

const linkParamsSchema = z.object({ id: idSchema, otherId: idSchema });

export function registerItemSubRoutes(api: ApiBuilder, r: ItemRoutes) {
  const { kind, tag, show, ctx } = r;
  const base = `/api/v1/${kind}s/:id`;
  const access = ROLE_SETS.helpdeskStaff;
  const detail = { 200: { description: `The ${kind}`, schema: r.detailSchema } };
  const created = { 201: { description: `The ${kind}`, schema: r.detailSchema } };
  const params = ticketParamsSchema;

  api.route({ method: 'post', path: `${base}/followups`, tag, summary: `Add a followup to a ${kind}`, access, params, body: followupBodySchema, responses: created }, async (c, { params, body, user }) => {
    await addFollowup(ctx(user!), params.id, body, kind);
    return c.json(await show(user!, params.id), 201);
  });

  api.route({ method: 'post', path: `${base}/tasks`, tag, summary: `Add a task to a ${kind}`, access, params, body: taskBodySchema, responses: created }, async (c, { params, body, user }) => {
    await addTask(ctx(user!), params.id, body, kind);
    return c.json(await show(user!, params.id), 201);
  });

  api.route({ method: 'patch', path: `${base}/tasks/:taskId`, tag, summary: `Change a ${kind}'s task`, access, params: taskParamsSchema, body: patchTaskBodySchema, responses: detail }, async (c, { params, body, user }) => {
    await updateTask(ctx(user!), params.id, params.taskId, body, kind);
    return c.json(await show(user!, params.id));
  });

  api.route({ method: 'post', path: `${base}/devices`, tag, summary: `Link a device to a ${kind}`, access, params, body: linkDeviceBodySchema, responses: created }, async (c, { params, body, user }) => {
    await linkDevice(ctx(user!), params.id, body.deviceId, kind);
    return c.json(await show(user!, params.id), 201);
  });

  api.route({ method: 'delete', path: `${base}/devices/:deviceId`, tag, summary: `Unlink a device from a ${kind}`, access, params: deviceLinkParamsSchema, responses: { 204: { description: 'Unlinked' } } }, async (c, { params, user }) => {
    await unlinkDevice(ctx(user!), params.id, params.deviceId, kind);
    return c.body(null, 204);
  });

  api.route(
    { method: 'post', path: `${base}/links`, tag, summary: `Link tickets, problems or changes to a ${kind}`, description: 'Problem → ticket, change → ticket, change → problem; the direction follows from the kinds.', access, params, body: itilLinkBodySchema, responses: created },
    async (c, { params, body, user }) => {
      await linkItems(ctx(user!), kind, params.id, body.ids);
      return c.json(await show(user!, params.id), 201);
    },
  );

  api.route({ method: 'delete', path: `${base}/links/:otherId`, tag, summary: `Unlink a ticket, problem or change from a ${kind}`, access, params: linkParamsSchema, responses: { 204: { description: 'Unlinked' } } }, async (c, { params, user }) => {
    await unlinkItems(ctx(user!), kind, params.id, params.otherId);
    return c.body(null, 204);
  });
}
