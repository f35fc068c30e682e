import { sql } from 'kysely';
import type { UploadRejectionReason } from '@parc/shared/api/home-enums';
import type { Db } from '../../platform/db/database.js';
import { hourOf, REJECTION_KEEP_DAYS } from './upload-rejections.js';

/**
 * Counts one refused upload in its hour, and forgets hours older than the kept month, in one statement
 * outside any ingest transaction (the refusal has none).
 */
export async function recordUploadRejection(db: Db, reason: UploadRejectionReason, at: Date): Promise<void> {
  const hour = hourOf(at);
  const before = new Date(hour.getTime() - REJECTION_KEEP_DAYS * 86_400_000);
  await sql`
    with forgotten as (delete from upload_rejections where hour < ${before})
    insert into upload_rejections (hour, reason, count) values (${hour}, ${reason}, 1)
    on conflict (hour, reason) do update set count = upload_rejections.count + 1`.execute(db);
}
