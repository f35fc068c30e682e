import { ROLE_SETS, systemClock } from '@parc/shared';
import type { AppDeps } from '../../platform/app-deps.js';
import { idParamSchema } from '../../platform/http/params.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import {
  changesQuerySchema,
  changesResponseSchema,
  deviceDetailSchema,
  deviceSoftwarePageSchema,
  deviceSoftwareQuerySchema,
  listDevicesQuerySchema,
  listDevicesResponseSchema,
  patchDeviceBodySchema,
} from './devices.schemas.js';
import * as svc from './devices.service.js';


export function registerDeviceRoutes(api: ApiBuilder, { db, config, clock = systemClock }: AppDeps) {
  const staleDays = config.PARC_STALE_DAYS;
  api.route(
    {
      method: 'get',
      path: '/api/v1/devices',
      tag: 'devices',
      summary: 'List and search devices',
      description: '`search` matches hostname, serial, user, asset tag, IP (prefix), MAC and installed software name.',
      access: ROLE_SETS.staffReaders,
      query: listDevicesQuerySchema,
      responses: { 200: { description: 'A page of devices', schema: listDevicesResponseSchema } },
    },
    async (c, { query }) => c.json(await svc.listDevices(db, query, staleDays, clock)),
  );

  api.route(
    { method: 'get', path: '/api/v1/devices/:id', tag: 'devices', summary: 'Everything known about a device', access: ROLE_SETS.staffReaders, params: idParamSchema, responses: { 200: { description: 'The device', schema: deviceDetailSchema }, 404: { description: 'No such device' } } },
    async (c, { params }) => c.json(await svc.getDevice(db, params.id, staleDays, clock)),
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
      description: 'location, status, owner, assetTag, notes. Inventory never overwrites them.',
      access: ROLE_SETS.helpdeskStaff,
      params: idParamSchema,
      body: patchDeviceBodySchema,
      responses: { 200: { description: 'The updated device', schema: deviceDetailSchema } },
    },
    async (c, { params, body }) => c.json(await svc.patchDevice(db, params.id, body, staleDays, clock)),
  );
}
