import type { Clock } from '@parc/shared';
import type { CreateDeviceBody } from '@parc/shared/api';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.repository.js';
import type { Db } from '../../platform/db/database.js';
import { withRetry } from '../../platform/db/transaction-retry.js';
import { ValidationError } from '../../platform/http/errors.js';
import { assertUniqueAsset, withUniqueAssetTag } from '../../inventory/devices/asset-uniqueness.js';
import { getDevice } from '../../inventory/devices/devices.service.js';
import { cleanSerial } from '../../inventory/ingest/identity-blacklist.js';
import { insertHistory, insertManualDevice } from '../../inventory/ingest/ingest.repository.js';
import { locationPaths } from '../locations/locations.service.js';
import { applyPlacement } from '../placement/placement.service.js';
import * as repo from './register.repository.js';

const blank = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v.trim());

/** Every reference must name something that exists: a 400 naming the field, before anything is written. */
async function checkReferences(db: Db, body: CreateDeviceBody) {
  if (body.state !== undefined && !(await repo.stateExists(db, body.state))) throw new ValidationError(`no asset state "${body.state}"`, 'state');
  if (body.locationId != null && !(await repo.locationExists(db, body.locationId))) throw new ValidationError(`no location ${body.locationId}`, 'locationId');
  if (body.userId != null && !(await repo.userExists(db, body.userId))) throw new ValidationError(`no user ${body.userId}`, 'userId');
  if (body.parentDeviceId != null) {
    const parent = await repo.deviceType(db, body.parentDeviceId);
    if (!parent) throw new ValidationError(`no device ${body.parentDeviceId}`, 'parentDeviceId');
    if (parent.type !== 'computer') throw new ValidationError(`device ${body.parentDeviceId} is a ${parent.type}: an asset is attached to a computer`, 'parentDeviceId');
    if (body.type === 'computer') throw new ValidationError('a computer is attached to nothing', 'parentDeviceId');
  }
}

/**
 * Registers an asset by hand (source `manual`). Its serial is stored cleaned, like an agent's, so an
 * agent reporting that computer later finds it (reconcile's serial rule) and the two become one asset.
 */
export async function createManualAsset(deps: { db: Db; clock: Clock; staleDays: number }, body: CreateDeviceBody, actor: AuditActor) {
  const { db, clock } = deps;
  const id = await withUniqueAssetTag(db, { assetTag: body.assetTag, exceptId: null }, () => withRetry(() =>
    db.transaction().execute(async (tx) => {
      await checkReferences(tx, body);
      await assertUniqueAsset(tx, { type: body.type, serial: body.serial, assetTag: body.assetTag, exceptId: null });
      const now = clock.now();
      const rawSerial = blank(body.serial);
      const id = await insertManualDevice(
        tx,
        {
          type: body.type,
          hostname: body.name,
          manufacturer: blank(body.manufacturer),
          model: blank(body.model),
          serial: cleanSerial(rawSerial) ?? null,
          raw_serial: rawSerial,
          asset_tag: blank(body.assetTag),
          notes: blank(body.notes),
          ...(body.state !== undefined ? { state: body.state } : {}),
          location_id: body.locationId ?? null,
          user_id: body.userId ?? null,
          parent_device_id: body.parentDeviceId ?? null,
        },
        now,
      );
      await insertHistory(tx, id, [{ section: 'device', kind: 'added', item: 'registered', old: null, new: `${body.type} ${body.name}`, code: 'asset-registered', params: { type: body.type } }], now);
      await recordAudit(tx, { actor, action: 'device.created', target: { type: 'device', id, label: body.name }, detail: { type: body.type, serial: rawSerial, assetTag: blank(body.assetTag) }, at: now });
      return id;
    }),
  ));
  return getDevice(db, id, deps.staleDays, clock, { locationPaths, apply: applyPlacement });
}
