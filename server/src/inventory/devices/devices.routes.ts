import { ROLE_SETS, systemClock } from '@parc/shared';
import { z } from 'zod';
import type { AppDeps } from '../../platform/app-deps.js';
import { idParamSchema } from '../../platform/http/params.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import {
  changesQuerySchema,
  changesResponseSchema,
  deviceDetailSchema,
  exportDevicesQuerySchema,
  deviceSoftwarePageSchema,
  deviceSoftwareQuerySchema,
  listDevicesQuerySchema,
  listDevicesResponseSchema,
  patchDeviceBodySchema,
} from './devices.schemas.js';
import * as svc from './devices.service.js';
import { mergeDevices, reassignDevice, type DeviceMergeMovers } from './device-merge.service.js';
import { auditActor } from '../../platform/audit/audit-actor.js';
import { mergeDevicesBodySchema, mergeDevicesResponseSchema, reassignDeviceBodySchema, reassignDeviceResponseSchema } from '@parc/shared/api';

/** Small JSON bodies: an id or two. */
const ADMIN_BODY_BYTES = 4 * 1024;


export function registerDeviceRoutes(api: ApiBuilder, { db, config, clock = systemClock }: AppDeps, { movers, placement }: { movers: DeviceMergeMovers; placement: svc.DevicePlacement }) {
  const staleDays = config.PARC_STALE_DAYS;
  api.route(
    {
      method: 'get',
      path: '/api/v1/devices',
      tag: 'devices',
      summary: 'List and search devices',
      description:
        '`search` matches hostname, serial, user, asset tag, IP (prefix), MAC and installed software name. Register filters: `type` and `state` (comma lists), `locationId` (with its sub-locations unless `includeSublocations=false`; `none`: no location), `userId` (`none`: nobody assigned), `source`, `warrantyEndsBefore`/`warrantyEndsAfter` (dates; warranty start + duration), `contractId`.',
      access: ROLE_SETS.staffReaders,
      query: listDevicesQuerySchema,
      responses: { 200: { description: 'A page of devices', schema: listDevicesResponseSchema } },
    },
    async (c, { query }) => c.json(await svc.listDevices(db, query, staleDays, clock, placement)),
  );

  // Registered before /:id so "export.csv" is not read as an id.
  api.route(
    {
      method: 'get',
      path: '/api/v1/devices/export.csv',
      tag: 'devices',
      summary: 'Export the filtered device list as CSV',
      description:
        'The same search, filters and `sort` as `GET /api/v1/devices`, every matching row in that order, streamed. Columns: id, type, name, manufacturer, model, serial, asset_tag, state, location (path), assigned_user, source, parent, purchase_date, cost, currency, warranty_end, last_seen. Cells a spreadsheet would read as a formula start with a quote.',
      access: ROLE_SETS.staffReaders,
      query: exportDevicesQuerySchema,
      responses: { 200: { description: 'CSV', schema: z.string(), contentType: 'text/csv' } },
    },
    async (c, { query }) => {
      const { body, headers } = await svc.exportDevices(db, query, staleDays, clock, placement);
      return c.body(body, 200, headers);
    },
  );

  api.route(
    { method: 'get', path: '/api/v1/devices/:id', tag: 'devices', summary: 'Everything known about a device', access: ROLE_SETS.staffReaders, params: idParamSchema, responses: { 200: { description: 'The device', schema: deviceDetailSchema }, 404: { description: 'No such device' } } },
    async (c, { params }) => c.json(await svc.getDevice(db, params.id, staleDays, clock, placement)),
  );

  api.route(
    {
      method: 'get',
      path: '/api/v1/devices/:id/software',
      tag: 'devices',
      summary: "A page of a device's installed software",
      description: '`search` matches name, publisher or version (any case); ordered by name, then version.',
      access: ROLE_SETS.staffReaders,
      params: idParamSchema,
      query: deviceSoftwareQuerySchema,
      responses: { 200: { description: 'A page of installed software', schema: deviceSoftwarePageSchema }, 404: { description: 'No such device' } },
    },
    async (c, { params, query }) => c.json(await svc.listDeviceSoftware(db, params.id, query)),
  );

  api.route(
    { method: 'get', path: '/api/v1/devices/:id/changes', tag: 'devices', summary: "A device's change history, newest first", access: ROLE_SETS.staffReaders, params: idParamSchema, query: changesQuerySchema, responses: { 200: { description: 'Changes', schema: changesResponseSchema } } },
    async (c, { params, query }) => c.json(await svc.listChanges(db, params.id, query)),
  );

  api.route(
    {
      method: 'patch',
      path: '/api/v1/devices/:id',
      tag: 'devices',
      summary: 'Set the fields people own',
      description:
        'state (an asset state code), locationId, userId (the assigned user), owner, assetTag, notes: inventory never overwrites them; an unknown state, location or user is a 400 naming the field, and a change of state, location or user writes a history line (`device.placement_changed`). name, type, manufacturer, model, serial: on manual and discovered assets only (409 on a computer an agent reports: its inventory owns them). A real serial of another asset of the same type, or another asset\'s tag, is a 409 naming it. Audited (`device.updated`).',
      access: ROLE_SETS.helpdeskStaff,
      params: idParamSchema,
      body: patchDeviceBodySchema,
      responses: { 200: { description: 'The updated device', schema: deviceDetailSchema }, 409: { description: 'Inventory-owned field, or serial / asset tag of another asset' } },
    },
    async (c, { params, body }) => c.json(await svc.patchDevice(db, params.id, body, staleDays, clock, auditActor(c), placement)),
  );

  api.route(
    {
      method: 'post',
      path: '/api/v1/devices/:id/merge',
      tag: 'devices',
      summary: 'Merge another device into this one',
      description:
        'The path\'s device is kept (its id, people-owned fields, tickets); `absorbId`\'s ticket links, licence allocations and change history move to it, and the absorbed device is deleted. The kept device is bound to the agent of `agentFrom` (default `absorbed`: the new agent of a reinstalled machine); its next inventory from that agent is compared in full, so the history shows what changed. With `conflictId`, that conflict is closed as merged. Audited (`device.merged`).',
      access: ROLE_SETS.admins,
      params: idParamSchema,
      body: mergeDevicesBodySchema,
      maxBodyBytes: ADMIN_BODY_BYTES,
      responses: { 200: { description: 'Merged', schema: mergeDevicesResponseSchema }, 404: { description: 'No such device or conflict' }, 409: { description: 'Conflict already resolved' } },
    },
    async (c, { params, body }) => c.json(await mergeDevices({ db, clock, movers }, params.id, body, auditActor(c))),
  );

  api.route(
    {
      method: 'put',
      path: '/api/v1/devices/:id/agent',
      tag: 'devices',
      summary: 'Bind this device to an agent, or unbind it',
      description:
        '`agentId`: an enrolled, active agent (400 unknown, 409 revoked), whose other devices are unbound so its uploads find this one; `null` unbinds the device (it can then be claimed on serial and UUID). With `conflictId`, that conflict is closed as reassigned. Audited (`device.reassigned`).',
      access: ROLE_SETS.admins,
      params: idParamSchema,
      body: reassignDeviceBodySchema,
      maxBodyBytes: ADMIN_BODY_BYTES,
      responses: { 200: { description: 'Reassigned', schema: reassignDeviceResponseSchema }, 404: { description: 'No such device or conflict' } },
    },
    async (c, { params, body }) => c.json(await reassignDevice({ db, clock }, params.id, body, auditActor(c))),
  );
}
