import type { Role } from '@parc/shared';
import type { AuthTables } from '../auth/auth.tables.js';
import type { AuditTables } from '../audit/audit.tables.js';
import type { SettingsTables } from '../settings/settings.tables.js';
import type { PeriodicTables } from '../periodic.tables.js';
import type { ConflictTables } from '../../inventory/conflicts/conflicts.tables.js';
import type { EnrollmentTables } from '../../inventory/enrollment/enrollment.tables.js';
import type { IngestTables } from '../../inventory/ingest/ingest.tables.js';
import type { UploadRejectionTables } from '../../inventory/ingest/upload-rejections.tables.js';
import type { SoftwareTables } from '../../inventory/software/software.tables.js';
import type { NotificationTables } from '../../helpdesk/notifications/notifications.tables.js';
import type { HelpdeskTables } from '../../helpdesk/helpdesk.tables.js';
import type { SoftwarePresenceTables } from '../../inventory/software/presence.tables.js';
import type { SoftwareRuleTables } from '../../inventory/software/software-rules.tables.js';
import type { LicenceTables } from '../../licences/licences.tables.js';
import type { AssetTables } from '../../assets/assets.tables.js';

export type { Role };

/**
 * The whole database, assembled from each feature's tables file; each table's type lives beside the one
 * repository that writes it. Type-only imports: platform still runs no feature's code.
 */
export interface Database
  extends AuthTables,
    AuditTables,
    SettingsTables,
    PeriodicTables,
    EnrollmentTables,
    IngestTables,
    UploadRejectionTables,
    SoftwareTables,
    ConflictTables,
    SoftwareRuleTables,
    SoftwarePresenceTables,
    HelpdeskTables,
    NotificationTables,
    LicenceTables,
    AssetTables {}
