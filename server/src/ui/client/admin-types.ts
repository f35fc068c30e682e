/** The admin API's answers as the web UI reads them: types of the server's schemas (see types.ts). */

export type {
  AssignmentRule,
  AssignmentRuleFields,
  Calendar,
  CalendarDefinition,
  Compliance,
  DailyFlow,
  DurationSummary,
  GroupDetail,
  HelpdeskSettings,
  HolidayDef,
  LegacySettings,
  SlaPolicy,
  SlaTargetMinutes,
  TicketStatistics as Statistics,
  TimeRangeText,
  Webhook,
} from '@parc/shared/api';
