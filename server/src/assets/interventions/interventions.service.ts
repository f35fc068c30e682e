import type { Intervention, InterventionCreateBody, InterventionPatchBody } from '@parc/shared/api';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/in-transaction.js';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.repository.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { covers } from '../contracts/contracts.repository.js';
import { centsToAmount, toCents } from '../finance/finance-math.js';
import * as repo from './interventions.repository.js';

const amount = (cost: string | null) => {
  const cents = cost === null ? null : toCents(cost);
  return cents === null ? null : centsToAmount(cents);
};

export function toApi(r: repo.InterventionRow): Intervention {
  return {
    id: r.id,
    deviceId: r.device_id,
    deviceName: r.device_name,
    performedOn: r.performed_on,
    performedBy: r.performed_by,
    description: r.description,
    cost: amount(r.cost),
    currency: r.currency,
    ticketId: r.ticket_id,
    contractId: r.contract_id,
    contractName: r.contract_name,
    authorId: r.author_id,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function listOfDevice(db: Db, deviceId: number) {
  if (!(await repo.exists(db, 'devices', deviceId))) throw new NotFoundError(`device ${deviceId}`);
  return { items: (await repo.ofDevice(db, deviceId)).map(toApi) };
}

export async function listOfTicket(db: Db, ticketId: number) {
  if (!(await repo.exists(db, 'tickets', ticketId))) throw new NotFoundError(`ticket ${ticketId}`);
  return { items: (await repo.ofTicket(db, ticketId)).map(toApi) };
}

type Whole = InterventionCreateBody;

/** The references exist, and a contract named covers the asset; a cost needs its currency. */
async function check(db: Db, deviceId: number, b: Whole) {
  if (b.cost !== null && b.currency === null) throw new ValidationError('give the currency of cost', 'currency');
  if (b.ticketId !== null && !(await repo.exists(db, 'tickets', b.ticketId))) throw new ValidationError(`ticket ${b.ticketId} does not exist`, 'ticketId');
  if (b.contractId !== null) {
    if (!(await repo.exists(db, 'maintenance_contracts', b.contractId))) throw new ValidationError(`contract ${b.contractId} does not exist`, 'contractId');
    if (!(await covers(db, b.contractId, deviceId))) throw new ValidationError(`contract ${b.contractId} does not cover this asset`, 'contractId');
  }
}

const columns = (b: Whole): repo.InterventionColumns => ({
  performed_on: b.performedOn,
  performed_by: b.performedBy,
  description: b.description,
  cost: b.cost === null ? null : b.cost.toFixed(2),
  currency: b.currency,
  ticket_id: b.ticketId,
  contract_id: b.contractId,
});

const historyParams = (id: number, b: Whole): Record<string, string | number> => ({
  id,
  performedOn: b.performedOn,
  description: b.description.slice(0, 200),
  ...(b.performedBy ? { performedBy: b.performedBy } : {}),
  ...(b.ticketId !== null ? { ticketId: b.ticketId } : {}),
});

export async function createIntervention(db: Db, deviceId: number, b: InterventionCreateBody, actor: AuditActor, now: Date): Promise<Intervention> {
  return inTransaction(db, async (tx) => {
    if (!(await repo.exists(tx, 'devices', deviceId))) throw new NotFoundError(`device ${deviceId}`);
    await check(tx, deviceId, b);
    const id = await repo.insertIntervention(tx, deviceId, columns(b), actor.userId ?? null, now);
    await repo.recordHistory(tx, deviceId, 'added', historyParams(id, b), `${b.performedOn}: ${b.description.slice(0, 200)}`, now);
    await recordAudit(tx, { actor, action: 'intervention.created', target: { type: 'device', id: deviceId }, detail: { interventionId: id, ticketId: b.ticketId, contractId: b.contractId }, at: now });
    return toApi((await repo.findIntervention(tx, id))!);
  });
}

export async function patchIntervention(db: Db, id: number, b: InterventionPatchBody, actor: AuditActor, now: Date): Promise<Intervention> {
  return inTransaction(db, async (tx) => {
    const row = await repo.findIntervention(tx, id);
    if (!row) throw new NotFoundError(`intervention ${id}`);
    const was = toApi(row);
    const merged: Whole = {
      performedOn: b.performedOn ?? was.performedOn,
      performedBy: b.performedBy !== undefined ? b.performedBy : was.performedBy,
      description: b.description ?? was.description,
      cost: b.cost !== undefined ? b.cost : was.cost,
      currency: b.currency !== undefined ? b.currency : was.currency,
      ticketId: b.ticketId !== undefined ? b.ticketId : was.ticketId,
      contractId: b.contractId !== undefined ? b.contractId : was.contractId,
    };
    await check(tx, row.device_id, merged);
    await repo.updateIntervention(tx, id, columns(merged));
    await repo.recordHistory(tx, row.device_id, 'changed', historyParams(id, merged), `${merged.performedOn}: ${merged.description.slice(0, 200)}`, now);
    const changed = Object.fromEntries((Object.keys(b) as (keyof Whole)[]).filter((k) => was[k] !== merged[k]).map((k) => [k, { from: was[k], to: merged[k] }]));
    await recordAudit(tx, { actor, action: 'intervention.updated', target: { type: 'device', id: row.device_id }, detail: { interventionId: id, ...changed }, at: now });
    return toApi((await repo.findIntervention(tx, id))!);
  });
}

export async function deleteIntervention(db: Db, id: number): Promise<void> {
  if (!(await repo.deleteIntervention(db, id))) throw new NotFoundError(`intervention ${id}`);
}
