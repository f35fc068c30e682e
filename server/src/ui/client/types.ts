/**
 * The API's answers as the web UI reads them: the server's own schemas (@parc/shared/api), as types only,
 * so a change on the server breaks this type-check and zod stays out of the bundle. Nothing is written
 * out by hand here.
 */

export type { Role } from '@parc/shared/roles';
export type {
  Agent,
  AgentPage,
  AgentState,
  Category,
  DeviceChange as Change,
  DeviceDetail,
  DevicePage,
  DeviceSoftwarePage,
  DeviceSnapshot,
  DeviceSummary,
  EnrollmentToken,
  Group,
  InstalledSoftware as Software,
  SlaTarget,
  Task,
  TicketDetail,
  TicketDevice,
  TicketPage,
  TicketSla,
  TicketSlaState as SlaState,
  TicketStatus,
  TicketSummary,
  TimelineEntry,
  User,
  UserRef,
} from '@parc/shared/api';
