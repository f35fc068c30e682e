/** The admin API's answers as the web UI reads them (see types.ts for why they are written out). */

export interface GroupDetail {
  id: number;
  name: string;
  email: string | null;
  memberCount: number;
  members?: { id: number; username: string; displayName: string | null; role: string }[];
}

export interface TimeRangeText {
  start: string;
  end: string;
}

export interface HolidayDef {
  date: string;
  recurring: boolean;
  name?: string;
}

export interface CalendarDefinition {
  timeZone: string;
  hours: Partial<Record<string, TimeRangeText[]>>;
  holidays: HolidayDef[];
}

export interface Calendar {
  id: number;
  name: string;
  definition: CalendarDefinition;
}

export interface SlaTargetMinutes {
  ownMinutes: number;
  resolveMinutes: number;
}

export interface SlaPolicy {
  id: number;
  name: string;
  calendarId: number;
  categoryId: number | null;
  targets: Partial<Record<string, SlaTargetMinutes>>;
  atRiskRatio: number;
}

export interface AssignmentRule {
  id: number;
  name: string;
  position: number;
  categoryId: number | null;
  location: string | null;
  groupId: number;
  active: boolean;
}

export interface HelpdeskSettings {
  priorityMatrix: number[][];
  autoCloseDays: number;
  deviceChangesDays: number;
}

export interface Webhook {
  id: number;
  url: string;
  events: string[];
  hasSecret: boolean;
  active: boolean;
}

export interface LegacySettings {
  enabled: boolean;
  allowedCidrs: string[];
  fromEnvironment: { enabled: boolean; allowedCidrs: string[] };
  effective: { enabled: boolean; allowedCidrs: string[] };
}

export interface Compliance {
  met: number;
  breached: number;
  running: number;
  rate: number | null;
}

export interface DurationSummary {
  count: number;
  median: number | null;
  p90: number | null;
}

export interface DailyFlow {
  date: string;
  opened: number;
  closed: number;
  backlog: number;
}

export interface Statistics {
  period: { from: string; to: string; timeZone: string };
  counts: {
    total: number;
    byStatus: Record<string, number>;
    byPriority: Record<string, number>;
    byCategory: { key: number | null; count: number }[];
    byTechnician: { key: number | null; count: number }[];
  };
  daily: DailyFlow[];
  timeToOwn: DurationSummary;
  timeToResolve: DurationSummary;
  compliance: { timeToOwn: Compliance; timeToResolve: Compliance };
}
