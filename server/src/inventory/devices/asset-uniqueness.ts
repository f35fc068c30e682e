import type { Db } from '../../platform/db/database.js';
import { violatedConstraint } from '../../platform/db/db-errors.js';
import { DomainError } from '../../platform/http/errors.js';
import { cleanSerial } from '../ingest/identity-blacklist.js';
import { lockIdentities } from '../ingest/ingest.repository.js';
import { assetSerialLockKey } from '../ingest/peripherals.js';
import { findAssetTagTwin, findSerialTwin } from './devices.repository.js';

/**
 * No two assets of a type share a real serial, and no two share an asset tag: a second record of the same
 * monitor is a mistake a person should see (409 naming the existing one), not a duplicate to clean later.
 * Placeholder serials ("To Be Filled By O.E.M.", "0") prove nothing and are never compared. Called inside
 * the writing transaction; the serial's lock is the one ingest takes for that computer or peripheral, so an
 * agent's upload and a person's registration of one serial never race.
 */
export async function assertUniqueAsset(db: Db, a: { type: string; serial: string | null | undefined; assetTag: string | null | undefined; exceptId: number | null }) {
  const serial = cleanSerial(a.serial);
  if (serial) {
    await lockIdentities(db, [assetSerialLockKey(a.type, serial)]);
    const twin = await findSerialTwin(db, a.type, serial, a.exceptId);
    if (twin) {
      throw new DomainError(409, 'conflict', `serial ${serial} is already the serial of ${a.type} ${twin.id} (${twin.hostname})`, 'serial', { deviceId: twin.id });
    }
  }
  const tag = a.assetTag?.trim();
  if (tag) {
    const twin = await findAssetTagTwin(db, tag, a.exceptId);
    if (twin) throw assetTagTaken(tag, twin);
  }
}

const assetTagTaken = (tag: string, twin: { id: number; hostname: string } | undefined) =>
  twin
    ? new DomainError(409, 'conflict', `asset tag ${tag} is already used by device ${twin.id} (${twin.hostname})`, 'assetTag', { deviceId: twin.id })
    : new DomainError(409, 'conflict', `asset tag ${tag} is already used by another device`, 'assetTag');

/** The unique index behind the asset tag rule (migration 20261201T1000): lower(btrim(asset_tag)). */
export const ASSET_TAG_INDEX = 'devices_asset_tag_key';

/**
 * Runs a write that sets an asset tag. Two transactions can both pass `assertUniqueAsset` before either
 * commits; the index then refuses the second, and this gives it the same 409 as the check, naming the
 * device that took the tag (read on `db`, outside the failed transaction, once the winner committed).
 */
export async function withUniqueAssetTag<T>(db: Db, a: { assetTag: string | null | undefined; exceptId: number | null }, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const tag = a.assetTag?.trim();
    if (!tag || violatedConstraint(err) !== ASSET_TAG_INDEX) throw err;
    throw assetTagTaken(tag, await findAssetTagTwin(db, tag, a.exceptId));
  }
}
