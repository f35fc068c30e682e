import { z } from 'zod';
import { contractCreateBodySchema, contractDetailSchema, contractDevicesBodySchema, contractDevicesSchema, contractListQuerySchema, contractListSchema, contractPatchBodySchema, contractSchema } from '@parc/shared/api';
import { ROLE_SETS, systemClock } from '@parc/shared';
import type { AppDeps } from '../../platform/app-deps.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { auditActor } from '../../platform/audit/audit-actor.js';
import { auditedDelete } from '../../platform/audit/audited-delete.js';
import { idParamSchema } from '../../platform/http/params.js';
import * as svc from './contracts.service.js';

const tag = 'assets';
/** A contract's fields with up to 10 000 characters of notes. */
const CONTRACT_BODY = 64 * 1024;
/** Up to 10 000 device ids. */
const DEVICES_BODY = 128 * 1024;

export function registerContractRoutes(api: ApiBuilder, { db, clock = systemClock }: AppDeps) {
  api.route(
    {
      method: 'get',
      path: '/api/v1/contracts',
      tag,
      summary: 'Maintenance contracts, searched and paged',
      description: '`search` looks in name, number and supplier; `endingBefore` keeps contracts whose last day is before that date. Soonest end first.',
      access: ROLE_SETS.staffReaders,
      query: contractListQuerySchema,
      responses: { 200: { description: 'A page of contracts', schema: contractListSchema } },
    },
    async (c, { query }) => c.json(await svc.listContracts(db, query)),
  );
  api.route(
    {
      method: 'post',
      path: '/api/v1/contracts',
      tag,
      summary: 'Register a maintenance contract',
      access: ROLE_SETS.staffReaders,
      body: contractCreateBodySchema,
      maxBodyBytes: CONTRACT_BODY,
      responses: { 201: { description: 'Created', schema: contractDetailSchema } },
    },
    async (c, { body }) => c.json(await svc.createContract(db, body, auditActor(c), clock.now()), 201),
  );
  api.route(
    { method: 'get', path: '/api/v1/contracts/:id', tag, summary: 'A maintenance contract with the assets it covers', access: ROLE_SETS.staffReaders, params: idParamSchema, responses: { 200: { description: 'The contract', schema: contractDetailSchema }, 404: { description: 'No such contract' } } },
    async (c, { params }) => c.json(await svc.getContract(db, params.id)),
  );
  api.route(
    {
      method: 'patch',
      path: '/api/v1/contracts/:id',
      tag,
      summary: 'Change a maintenance contract',
      access: ROLE_SETS.staffReaders,
      params: idParamSchema,
      body: contractPatchBodySchema,
      maxBodyBytes: CONTRACT_BODY,
      responses: { 200: { description: 'Updated', schema: contractDetailSchema }, 404: { description: 'No such contract' } },
    },
    async (c, { params, body }) => c.json(await svc.patchContract(db, params.id, body, auditActor(c), clock.now())),
  );
  api.route(
    { method: 'delete', path: '/api/v1/contracts/:id', tag, summary: 'Delete a maintenance contract', description: 'Interventions made under it stay, without the contract.', access: ROLE_SETS.staffReaders, params: idParamSchema, responses: { 204: { description: 'Deleted' }, 404: { description: 'No such contract' } } },
    async (c, { params }) => {
      await auditedDelete(db, auditActor(c), { type: 'contract', id: params.id, table: 'maintenance_contracts', labelColumn: 'name' }, (tx) => svc.deleteContract(tx, params.id));
      return c.body(null, 204);
    },
  );
  const devices = [
    ['put', 'set', 'Replace the assets a contract covers'],
    ['post', 'add', 'Add assets to a contract'],
    ['delete', 'remove', 'Remove assets from a contract'],
  ] as const;
  for (const [method, op, summary] of devices) {
    api.route(
      {
        method,
        path: '/api/v1/contracts/:id/devices',
        tag,
        summary,
        description: 'Set-based: `deviceIds` is the whole list (PUT), or the ids to add or remove; adding one already covered, or removing one not covered, changes nothing.',
        access: ROLE_SETS.staffReaders,
        params: idParamSchema,
        body: contractDevicesBodySchema,
        maxBodyBytes: DEVICES_BODY,
        responses: { 200: { description: 'The covered assets now', schema: contractDevicesSchema }, 404: { description: 'No such contract' } },
      },
      async (c, { params, body }) => c.json(await svc.changeDevices(db, params.id, op, body.deviceIds, auditActor(c), clock.now())),
    );
  }
  api.route(
    {
      method: 'get',
      path: '/api/v1/devices/:id/contracts',
      tag,
      summary: 'The maintenance contracts covering an asset',
      access: ROLE_SETS.staffReaders,
      params: idParamSchema,
      responses: { 200: { description: 'Contracts, soonest end first', schema: z.object({ items: z.array(contractSchema) }) }, 404: { description: 'No such device' } },
    },
    async (c, { params }) => c.json(await svc.contractsOfDevice(db, params.id)),
  );
}
