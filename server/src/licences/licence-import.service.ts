import { sql } from 'kysely';
import type { LicenceImportPreview, LicenceImportResult } from '@parc/shared';
import type { Db } from '../platform/db/database.js';
import { ValidationError } from '../platform/http/errors.js';
import { productNamesOf, readLicenceCsv, toLicences, type ProductLookup, type ProductRef } from './licence-import.js';
import * as repo from './licences.repository.js';
import { columnsOf } from './licences.service.js';

const intArr = (v: number[]) => sql`${v}::int[]`;
const textArr = (v: string[]) => sql`${v}::text[]`;

/** The products a file names, by id and by folded name: one statement. */
async function lookupProducts(db: Db, names: string[], ids: number[]): Promise<ProductLookup> {
  const rows =
    names.length + ids.length === 0
      ? []
      : (
          await sql<ProductRef & { name_key: string }>`
            select id, name, publisher, name_key from software_products
            where name_key = any(${textArr(names)}) or id = any(${intArr(ids)})
            order by id`.execute(db)
        ).rows;
  const byName = new Map<string, ProductRef[]>();
  for (const r of rows) byName.set(r.name_key, [...(byName.get(r.name_key) ?? []), { id: r.id, name: r.name, publisher: r.publisher }]);
  return { byId: new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, publisher: r.publisher }])), byName };
}

/**
 * A product's licences count devices or users, not both (site goes with either): checked against what is
 * stored and between the rows of the file, in file order.
 */
async function checkMetrics(db: Db, preview: LicenceImportPreview) {
  const productIds = [...new Set(preview.rows.flatMap((r) => (r.licence ? [r.licence.productId] : [])))];
  if (productIds.length === 0) return;
  const stored = await sql<{ product_id: number; metric: string }>`
    select distinct product_id, metric from licences where product_id = any(${intArr(productIds)}) and metric <> 'site'`.execute(db);
  const counted = new Map(stored.rows.map((r) => [r.product_id, r.metric]));
  for (const row of preview.rows) {
    const l = row.licence;
    if (!l || l.metric === 'site') continue;
    const first = counted.get(l.productId);
    if (first === undefined) counted.set(l.productId, l.metric);
    else if (first !== l.metric) {
      row.errors.push({ line: row.line, column: 'metric', message: `licences of ${row.product?.name ?? `product ${l.productId}`} are counted per ${first}; one product's licences count either devices or users` });
      row.licence = null;
    }
  }
  const rowLines = new Set(preview.rows.map((r) => r.line));
  const fileErrors = preview.errors.filter((e) => !rowLines.has(e.line));
  preview.errors = [...fileErrors, ...preview.rows.flatMap((r) => r.errors)].sort((a, b) => a.line - b.line);
  preview.valid = preview.rows.filter((r) => r.errors.length === 0).length;
  preview.invalid = preview.rows.length - preview.valid;
}

/** What importing the file would create, and every problem; nothing is written. */
export async function previewImport(db: Db, csv: string): Promise<LicenceImportPreview> {
  const read = readLicenceCsv(csv);
  const { names, ids } = productNamesOf(read.rows);
  const preview = toLicences(read, await lookupProducts(db, names, ids));
  await checkMetrics(db, preview);
  return preview;
}

/**
 * All or nothing: one error anywhere refuses the file (400, the errors in `details.errors`), since a
 * partial import followed by a corrected re-import would duplicate the rows that went in the first time.
 */
export async function commitImport(db: Db, csv: string, userId: number | null, now: Date): Promise<LicenceImportResult> {
  const preview = await previewImport(db, csv);
  if (preview.errors.length > 0) {
    const first = preview.errors[0]!;
    throw new ValidationError(
      `the file has ${preview.errors.length} error(s); nothing was imported. First: line ${first.line}${first.column ? `, column ${first.column}` : ''}: ${first.message}`,
      'csv',
      { errors: preview.errors },
    );
  }
  if (preview.rows.length === 0) throw new ValidationError('the file has no licence rows under its header', 'csv');
  const ids = await db.transaction().execute((tx) =>
    repo.insertLicences(
      tx,
      preview.rows.map((r) => ({ ...columnsOf(r.licence!), created_by: userId })),
      now,
    ),
  );
  return { created: ids.length, ids };
}
