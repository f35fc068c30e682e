import { licenceShapeProblem, type Licence, type LicenceCreateBody, type LicenceDetail, type LicenceListQuery, type LicencePatchBody } from '@parc/shared';
import type { Db } from '../platform/db/database.js';
import { isForeignKeyViolation } from '../platform/db/db-errors.js';
import { ConflictError, NotFoundError, ValidationError } from '../platform/http/errors.js';
import { dayOf, licenceState } from './licence-dates.js';
import * as repo from './licences.repository.js';

const iso = (d: Date | string) => new Date(d).toISOString();

export function toApi(r: repo.LicenceRow, today: string): Licence {
  return {
    id: r.id,
    productId: r.product_id,
    product: { id: r.product_id, name: r.product_name, publisher: r.product_publisher },
    versionFrom: r.version_from,
    versionTo: r.version_to,
    metric: r.metric,
    quantity: r.quantity,
    startsOn: r.starts_on,
    expiresOn: r.expires_on,
    unitCost: r.unit_cost === null ? null : Number(r.unit_cost),
    currency: r.currency,
    vendor: r.vendor,
    reference: r.reference,
    notes: r.notes,
    state: licenceState({ startsOn: r.starts_on, expiresOn: r.expires_on }, today),
    allocationCounts: { devices: r.allocated_devices, users: r.allocated_users },
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export async function listLicences(db: Db, q: LicenceListQuery, now: Date) {
  const today = dayOf(now);
  const { rows, total } = await repo.listLicences(db, q, today);
  return { items: rows.map((r) => toApi(r, today)), total, limit: q.limit, offset: q.offset };
}

export async function getLicence(db: Db, id: number, now: Date): Promise<LicenceDetail> {
  const r = await repo.findLicence(db, id);
  if (!r) throw new NotFoundError(`licence ${id}`);
  return { ...toApi(r, dayOf(now)), allocations: await repo.allocations(db, id) };
}

type Whole = Omit<LicenceCreateBody, 'allocations'>;

/** The rules zod cannot see: the product exists, and its licences count one thing (devices or users; site goes with either). */
export async function checkLicence(db: Db, l: Whole, exceptId?: number) {
  const shape = licenceShapeProblem(l);
  if (shape) throw new ValidationError(shape.message, shape.field);
  if (!(await repo.productExists(db, l.productId))) throw new ValidationError(`software product ${l.productId} does not exist`, 'productId');
  if (l.metric !== 'site') {
    const other = l.metric === 'device' ? 'user' : 'device';
    if ((await repo.otherMetrics(db, l.productId, exceptId)).has(other)) {
      throw new ConflictError(`this product's licences are counted per ${other}; a product's licences count either devices or users (site licences go with either)`, 'metric');
    }
  }
}

async function checkAllocations(db: Db, a: { deviceIds: number[] } | undefined) {
  if (!a) return;
  const missing = await repo.missingDevices(db, a.deviceIds);
  if (missing.length > 0) throw new ValidationError(`device ${missing[0]} does not exist`, `allocations.deviceIds.${a.deviceIds.indexOf(missing[0]!)}`);
}

/** Stored columns: a site licence keeps no quantity (it is unlimited while valid). */
export function columnsOf(l: Whole): repo.LicenceColumns {
  return {
    product_id: l.productId,
    version_from: l.versionFrom,
    version_to: l.versionTo,
    metric: l.metric,
    quantity: l.metric === 'site' ? null : l.quantity,
    starts_on: l.startsOn,
    expires_on: l.expiresOn,
    unit_cost: l.unitCost,
    currency: l.currency,
    vendor: l.vendor,
    reference: l.reference,
    notes: l.notes,
  };
}

function writeError(err: unknown): never {
  if (isForeignKeyViolation(err)) throw new ValidationError('the product or an allocated device was removed meanwhile', 'productId');
  throw err;
}

export async function createLicence(db: Db, body: LicenceCreateBody, userId: number | null, now: Date) {
  const { allocations, ...licence } = body;
  await checkLicence(db, licence);
  await checkAllocations(db, allocations);
  const id = await db
    .transaction()
    .execute(async (tx) => {
      const [id] = await repo.insertLicences(tx, [{ ...columnsOf(licence), created_by: userId }], now);
      if (allocations) await repo.setAllocations(tx, id!, allocations);
      return id!;
    })
    .catch(writeError);
  return getLicence(db, id, now);
}

function wholeOf(r: repo.LicenceRow): Whole {
  return {
    productId: r.product_id,
    metric: r.metric,
    quantity: r.quantity,
    versionFrom: r.version_from,
    versionTo: r.version_to,
    startsOn: r.starts_on,
    expiresOn: r.expires_on,
    unitCost: r.unit_cost === null ? null : Number(r.unit_cost),
    currency: r.currency,
    vendor: r.vendor,
    reference: r.reference,
    notes: r.notes,
  };
}

export async function patchLicence(db: Db, id: number, body: LicencePatchBody, now: Date) {
  const current = await repo.findLicence(db, id);
  if (!current) throw new NotFoundError(`licence ${id}`);
  const { allocations, ...fields } = body;
  const merged: Whole = { ...wholeOf(current), ...fields };
  await checkLicence(db, merged, id);
  await checkAllocations(db, allocations);
  await db
    .transaction()
    .execute(async (tx) => {
      if (!(await repo.updateLicence(tx, id, columnsOf(merged), now))) throw new NotFoundError(`licence ${id}`);
      if (allocations) await repo.setAllocations(tx, id, allocations);
    })
    .catch(writeError);
  return getLicence(db, id, now);
}

export async function deleteLicence(db: Db, id: number) {
  if (!(await repo.deleteLicence(db, id))) throw new NotFoundError(`licence ${id}`);
}
