/**
 * The API's answers as the web UI reads them. Written out here rather than imported from the server's
 * zod schemas so the browser bundle and its type-check never pull in server modules.
 */

import type { Role } from '@parc/shared/roles';

export type { Role };

export interface User {
  id: number;
  username: string;
  displayName: string | null;
  email: string | null;
  role: Role;
  disabled: boolean;
}

export interface UserRef {
  id: number;
  username: string;
  displayName: string | null;
}

export type TicketStatus = 'new' | 'assigned' | 'planned' | 'pending' | 'solved' | 'closed';
export type SlaState = 'on-track' | 'at-risk' | 'breached' | 'met' | 'none';

export interface TicketSummary {
  id: number;
  title: string;
  type: 'incident' | 'request';
  status: TicketStatus;
  urgency: number;
  impact: number;
  priority: number;
  categoryId: number | null;
  requester: { id: number | null; username: string | null; displayName: string | null; name: string };
  createdAt: string;
  updatedAt: string;
  resolveDueAt: string | null;
  slaState: SlaState;
  deviceIds: number[];
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface Change {
  at: string;
  section: string;
  kind: 'added' | 'removed' | 'changed';
  item: string;
  old: string | null;
  new: string | null;
}

export interface DeviceSnapshot {
  hostname?: string;
  serial?: string | null;
  manufacturer?: string | null;
  model?: string | null;
  os?: { platform?: string | null; name?: string | null; version?: string | null; build?: string | null; arch?: string | null };
  lastUser?: string | null;
  ipv4?: string[] | null;
  location?: string | null;
  softwareCount?: number;
}

export interface TicketDevice {
  id: number;
  hostname: string;
  status: string;
  location: string | null;
  lastSeenAt: string | null;
  linkedAt: string | null;
  snapshot: DeviceSnapshot | null;
  changesBefore: Change[];
  changesSince: Change[];
}

export interface SlaTarget {
  budgetMinutes: number;
  dueAt: string;
  achievedAt: string | null;
  usedMinutes: number;
  state: string;
  outcome: string | null;
}

export interface TicketSla {
  policy: { id: number; name: string } | null;
  timeToOwn?: SlaTarget | null;
  timeToResolve?: SlaTarget | null;
  paused?: boolean;
}

export interface Task {
  id: number;
  description: string;
  state: 'todo' | 'done';
  private: boolean;
  durationMinutes: number | null;
  assigneeId: number | null;
  plannedStart: string | null;
  plannedEnd: string | null;
}

export interface TimelineEntry {
  id: number;
  at: string;
  kind: string;
  private: boolean;
  actor: UserRef | null;
  body: string | null;
  data: Record<string, unknown> | null;
  task?: Task;
}

export interface TicketDetail extends TicketSummary {
  description: string;
  location: string | null;
  dueAt: string | null;
  solution: string | null;
  pendingReason: string | null;
  assignees: { users: UserRef[]; groups: { id: number; name: string }[] };
  observers: UserRef[];
  devices: TicketDevice[];
  sla: TicketSla;
  timeline: TimelineEntry[];
  availableActions: string[];
}

export type DeviceStatus = 'active' | 'in-stock' | 'in-repair' | 'retired' | 'lost' | 'stale';

export interface DeviceSummary {
  id: number;
  type: string;
  hostname: string;
  serial: string | null;
  manufacturer: string | null;
  model: string | null;
  os: { platform: string | null; name: string | null; version: string | null };
  lastUser: string | null;
  ipv4: string[];
  status: DeviceStatus;
  location: string | null;
  owner: string | null;
  assetTag: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface Software {
  productId: number;
  name: string;
  publisher: string | null;
  version: string;
  arch: string;
  source: string;
  installDate: string | null;
  firstSeenAt: string;
}

export interface DeviceDetail extends DeviceSummary {
  uuid: string | null;
  macs: string[];
  hardware: Record<string, string | number | null>;
  osDetail: Record<string, string | null>;
  components: Record<string, Record<string, unknown>[]>;
  software: Software[];
  changes: (Change & { id: number })[];
  agent: { id: string; version: string | null; lastContactAt: string | null } | null;
  match: { rule: string; at: string };
  notes: string | null;
  lastInventoryAt: string | null;
}

export interface Category {
  id: number;
  name: string;
  parentId: number | null;
  path: string;
  depth: number;
}

export interface Group {
  id: number;
  name: string;
}

export interface EnrollmentToken {
  id: number;
  prefix: string;
  description: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  useCount: number;
  state: 'active' | 'expired' | 'revoked';
}
