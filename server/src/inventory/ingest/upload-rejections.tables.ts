import type { UploadRejectionReason } from '@parc/shared/api/home-enums';
import type { Timestamp } from '../../platform/db/column-types.js';

/**
 * Refused inventory uploads, counted per hour and reason (migration 20261130T1450_home): a bounded
 * table (hours × reasons, a month kept) that a flood of bad uploads cannot grow. Written only by
 * upload-rejections.repository.ts.
 */
export interface UploadRejectionsTable {
  hour: Timestamp;
  reason: UploadRejectionReason;
  count: number;
}

export interface UploadRejectionTables {
  upload_rejections: UploadRejectionsTable;
}
