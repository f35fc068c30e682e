import type { Contract, ContractCreateBody, ContractDetail, ContractDevice, ContractListQuery, ContractPatchBody } from '@parc/shared/api';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/in-transaction.js';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.repository.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { centsToAmount, toCents } from '../finance/finance-math.js';
import * as repo from './contracts.repository.js';

const iso = (d: Date | string) => new Date(d).toISOString();
const amount = (cost: string | null) => {
  const cents = cost === null ? null : toCents(cost);
  return cents === null ? null : centsToAmount(cents);
};

export function toApi(r: repo.ContractRow): Contract {
  return {
    id: r.id,
    name: r.name,
    number: r.number,
    supplier: r.supplier,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    cost: amount(r.cost),
    currency: r.currency,
    noticeDays: r.notice_days,
    notes: r.notes,
    deviceCount: r.device_count,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

const deviceOf = (d: { id: number; hostname: string; type: string; asset_tag: string | null }): ContractDevice => ({ id: d.id, hostname: d.hostname, type: d.type, assetTag: d.asset_tag });

export async function listContracts(db: Db, q: ContractListQuery) {
  const { rows, total } = await repo.listContracts(db, q);
  return { items: rows.map(toApi), total, limit: q.limit, offset: q.offset };
}

export async function getContract(db: Db, id: number): Promise<ContractDetail> {
  const r = await repo.findContract(db, id);
  if (!r) throw new NotFoundError(`contract ${id}`);
  return { ...toApi(r), devices: (await repo.coveredDevices(db, id)).map(deviceOf) };
}

/** Rules across fields: a cost needs its currency, the end is not before the start. */
function check(c: { cost: number | null; currency: string | null; startsOn: string | null; endsOn: string | null }) {
  if (c.cost !== null && c.currency === null) throw new ValidationError('give the currency of cost', 'currency');
  if (c.startsOn !== null && c.endsOn !== null && c.endsOn < c.startsOn) throw new ValidationError('endsOn is before startsOn', 'endsOn');
}

const columns = (b: ContractCreateBody): repo.ContractColumns => ({
  name: b.name,
  number: b.number,
  supplier: b.supplier,
  starts_on: b.startsOn,
  ends_on: b.endsOn,
  cost: b.cost === null ? null : b.cost.toFixed(2),
  currency: b.currency,
  notice_days: b.noticeDays,
  notes: b.notes,
});

export async function createContract(db: Db, b: ContractCreateBody, actor: AuditActor, now: Date): Promise<ContractDetail> {
  check(b);
  return inTransaction(db, async (tx) => {
    const id = await repo.insertContract(tx, columns(b), actor.userId ?? null, now);
    await recordAudit(tx, { actor, action: 'contract.created', target: { type: 'contract', id, label: b.name }, at: now });
    return getContract(tx, id);
  });
}

export async function patchContract(db: Db, id: number, b: ContractPatchBody, actor: AuditActor, now: Date): Promise<ContractDetail> {
  return inTransaction(db, async (tx) => {
    const before = await repo.findContract(tx, id);
    if (!before) throw new NotFoundError(`contract ${id}`);
    const was = toApi(before);
    const merged: ContractCreateBody = {
      name: b.name ?? was.name,
      number: b.number !== undefined ? b.number : was.number,
      supplier: b.supplier !== undefined ? b.supplier : was.supplier,
      startsOn: b.startsOn !== undefined ? b.startsOn : was.startsOn,
      endsOn: b.endsOn !== undefined ? b.endsOn : was.endsOn,
      cost: b.cost !== undefined ? b.cost : was.cost,
      currency: b.currency !== undefined ? b.currency : was.currency,
      noticeDays: b.noticeDays ?? was.noticeDays,
      notes: b.notes !== undefined ? b.notes : was.notes,
    };
    check(merged);
    await repo.updateContract(tx, id, columns(merged), now);
    const changed = Object.fromEntries((Object.keys(b) as (keyof ContractPatchBody)[]).filter((k) => was[k] !== merged[k]).map((k) => [k, { from: was[k], to: merged[k] }]));
    await recordAudit(tx, { actor, action: 'contract.updated', target: { type: 'contract', id, label: merged.name }, detail: changed, at: now });
    return getContract(tx, id);
  });
}

export async function deleteContract(db: Db, id: number): Promise<void> {
  if (!(await repo.deleteContract(db, id))) throw new NotFoundError(`contract ${id}`);
}

/** Covered assets: `set` replaces the list, `add` and `remove` change it; every id must be a device (400 naming the first that is not). */
export async function changeDevices(db: Db, id: number, op: 'set' | 'add' | 'remove', deviceIds: number[], actor: AuditActor, now: Date) {
  return inTransaction(db, async (tx) => {
    const contract = await repo.findContract(tx, id);
    if (!contract) throw new NotFoundError(`contract ${id}`);
    if (op !== 'remove') {
      const missing = await repo.missingDevices(tx, deviceIds);
      if (missing.length > 0) throw new ValidationError(`device ${missing[0]} does not exist`, `deviceIds.${deviceIds.indexOf(missing[0]!)}`);
    }
    if (op === 'set') await repo.removeDevices(tx, id, 'all-but', deviceIds);
    if (op === 'remove') await repo.removeDevices(tx, id, deviceIds);
    else await repo.addDevices(tx, id, deviceIds);
    await recordAudit(tx, { actor, action: 'contract.devices_changed', target: { type: 'contract', id, label: contract.name }, detail: { [op]: deviceIds }, at: now });
    return { devices: (await repo.coveredDevices(tx, id)).map(deviceOf) };
  });
}

export async function contractsOfDevice(db: Db, deviceId: number) {
  if ((await repo.missingDevices(db, [deviceId])).length > 0) throw new NotFoundError(`device ${deviceId}`);
  return { items: (await repo.contractsOfDevice(db, deviceId)).map(toApi) };
}
