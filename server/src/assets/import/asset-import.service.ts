import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { ASSET_IMPORT_FIELDS, type AssetImportBody, type AssetImportPreviewBody, type AssetImportReport } from '@parc/shared/api';
import type { AssetType } from '../../inventory/ingest/ingest.tables.js';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.repository.js';
import type { Db } from '../../platform/db/database.js';
import { violatedConstraint } from '../../platform/db/db-errors.js';
import { ASSET_TAG_INDEX } from '../../inventory/devices/asset-uniqueness.js';
import { ConflictError, ValidationError } from '../../platform/http/errors.js';
import { ImportFileError, columnsByField, readAssetCsv, userKeysOf, validateRows } from './asset-import.js';
import { FINANCE_FIELDS, newLocationPaths, planRows, serialIndexKey, type PlannedRow, type StoredAsset } from './asset-import-plan.js';
import { stateLookup } from './asset-import-values.js';
import * as repo from './asset-import.repository.js';
import { locationPathKey } from '../locations/location-tree.js';
import { ensureLocationPaths } from '../locations/locations.repository.js';

/**
 * Preview and import of an asset CSV. Both run the same steps (read, validate, plan against the
 * database); the import then checks that the plan is still the one previewed and writes the valid rows
 * in one transaction.
 */

interface Planned {
  report: AssetImportReport;
  plan: PlannedRow[];
  newPaths: string[][];
}

async function planImport(db: Db, body: AssetImportPreviewBody): Promise<Planned> {
  const defaultType: AssetType = body.defaultType ?? 'computer';
  let read;
  try {
    read = readAssetCsv(body.csv, body.mapping);
  } catch (e) {
    if (e instanceof ImportFileError) throw new ValidationError(e.message, e.field);
    throw e;
  }
  const [users, states, locations] = await Promise.all([repo.usersByKey(db, userKeysOf(read.rows)), repo.listStates(db), repo.listLocations(db)]);
  const results = validateRows(read, { defaultType, users, states: stateLookup(states) });
  const records = results.flatMap((r) => (r.record ? [r.record] : []));
  const stored = await repo.findAssets(
    db,
    [...new Set(records.flatMap((r) => (r.assetTag ? [r.assetTag.toLowerCase()] : [])))],
    [...new Set(records.flatMap((r) => (r.serialKey ? [r.serialKey.toLowerCase()] : [])))],
  );
  const byTag = new Map<string, StoredAsset[]>();
  const bySerial = new Map<string, StoredAsset[]>();
  for (const s of stored) {
    if (s.assetTag) byTag.set(s.assetTag.toLowerCase(), [...(byTag.get(s.assetTag.toLowerCase()) ?? []), s]);
    // Stored serials are cleaned upper-case for agents' assets; placeholders were never stored as serials.
    if (s.serial) bySerial.set(serialIndexKey(s.type, s.serial.toUpperCase()), [...(bySerial.get(serialIndexKey(s.type, s.serial.toUpperCase())) ?? []), s]);
  }
  const plan = planRows(results, { byTag, bySerial, locations }, columnsByField(read));
  const newPaths = newLocationPaths(plan, locations);
  const rows = plan.map((p) => ({
    row: p.row,
    outcome: p.result.errors.length > 0 ? ('error' as const) : p.outcome,
    deviceId: p.deviceId,
    name: p.result.name,
    assetTag: p.result.assetTag,
    serial: p.result.serial,
    type: p.result.type,
    changes: p.result.errors.length > 0 ? [] : p.changes,
    errors: p.result.errors,
  }));
  const totals = { rows: rows.length, create: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of rows) totals[r.outcome]++;
  const newLocations = newPaths.map((p) => p.join(' / '));
  // The id covers the input and everything the import would do: any difference at import time is a 409.
  const previewId = createHash('sha256')
    .update(JSON.stringify({ csv: body.csv, mapping: read.mapping, defaultType, rows: rows.map((r) => [r.row, r.outcome, r.deviceId, r.changes, r.errors.map((e) => e.message)]), newLocations }))
    .digest('hex');
  const unmapped = read.columns.filter((c, i) => read.mapping[i] === null && c !== '');
  const report: AssetImportReport = { columns: read.columns, mapping: read.mapping, unmapped, fields: [...ASSET_IMPORT_FIELDS], defaultType, rows, totals, newLocations, previewId, imported: false };
  return { report, plan, newPaths };
}

/** What importing the file would do, row by row; nothing is written. */
export async function previewAssetImport(db: Db, body: AssetImportPreviewBody): Promise<AssetImportReport> {
  return (await planImport(db, body)).report;
}

/**
 * Writes the valid rows of a previewed file (error rows are skipped), in one transaction, after checking
 * that the file and the database still give the previewed result (409 otherwise: preview again).
 */
export async function commitAssetImport(db: Db, body: AssetImportBody, actor: AuditActor, now: Date): Promise<AssetImportReport> {
  try {
    return await writeImport(db, body, actor, now);
  } catch (err) {
    // A person registered one of the file's tags after the import planned: the plan is stale.
    if (violatedConstraint(err) === ASSET_TAG_INDEX) throw new ConflictError('an asset tag of this file was given to another device during the import; preview it again before importing', 'previewId');
    throw err;
  }
}

async function writeImport(db: Db, body: AssetImportBody, actor: AuditActor, now: Date): Promise<AssetImportReport> {
  return db.transaction().execute(async (tx) => {
    // Two imports at once would both plan against the same state: they take turns.
    await sql`select pg_advisory_xact_lock(hashtext('parc:assets-import'))`.execute(tx);
    const { report, plan, newPaths } = await planImport(tx, body);
    if (report.previewId !== body.previewId) {
      throw new ConflictError('the file, its mapping or the assets changed since the preview; preview it again before importing');
    }
    const pathIds = await ensureLocationPaths(tx, newPaths);
    const locationOf = (p: PlannedRow) => (p.location === null ? null : 'id' in p.location ? p.location.id : (pathIds.get(locationPathKey(p.location.path)) ?? null));
    const creates = plan.filter((p) => p.outcome === 'create' && p.record);
    const updates = plan.filter((p) => p.outcome === 'update' && p.record);
    const ids = await repo.insertAssets(tx, creates, creates.map(locationOf), now);
    await repo.updateAssets(tx, updates, updates.map(locationOf), now);
    await repo.upsertFinance(
      tx,
      [
        ...creates.map((p, i) => ({ deviceId: ids[i]!, record: p.record! })),
        ...updates.filter((p) => p.changes.some((f) => (FINANCE_FIELDS as readonly string[]).includes(f))).map((p) => ({ deviceId: p.deviceId!, record: p.record! })),
      ],
      now,
    );
    await repo.recordImportHistory(
      tx,
      [...creates.map((p, i) => ({ deviceId: ids[i]!, created: true, fields: p.changes })), ...updates.map((p) => ({ deviceId: p.deviceId!, created: false, fields: p.changes }))],
      now,
    );
    const createdIds = new Map(creates.map((p, i) => [p.row, ids[i]!]));
    const rows = report.rows.map((r) => (createdIds.has(r.row) ? { ...r, deviceId: createdIds.get(r.row)! } : r));
    const { totals } = report;
    // An import that changes nothing writes nothing, not even its audit entry.
    if (creates.length + updates.length === 0) return { ...report, rows, imported: true };
    await recordAudit(tx, {
      actor,
      action: 'assets.imported',
      target: { type: 'assets', id: 'import' },
      detail: { rows: totals.rows, created: totals.create, updated: totals.update, unchanged: totals.unchanged, errors: totals.error, locationsCreated: newPaths.length },
      at: now,
    });
    return { ...report, rows, imported: true };
  });
}
