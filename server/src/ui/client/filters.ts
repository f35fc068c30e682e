import type { DeviceSortField, ItilSortField, TicketSortField } from '@parc/shared/api';
import type { PlainKey } from './i18n/i18n.js';
import { buildQuery, intParam, type QueryValue } from './query.js';

/**
 * From the filters in the app's URL to the API's query. The URL keeps what a person chose ("mine",
 * "all statuses"); the API wants ids and comma lists. Pure: tested in server/test/ui.
 */

export const PAGE_SIZE = 25;

/** A sort the API accepts: a field, or `-field` for descending. */
type Sort<F extends string> = F | `-${F}`;

/** Sort orders the lists offer: the API's value and the catalogue key of its label. */
export const TICKET_SORTS = [
  ['-id', 'tickets.sort.newest'],
  ['id', 'tickets.sort.oldest'],
  ['-updatedAt', 'tickets.sort.updated'],
  ['-priority', 'tickets.sort.priority'],
  ['resolveDueAt', 'tickets.sort.due'],
  ['status', 'tickets.sort.status'],
  ['title', 'tickets.sort.title'],
] as const satisfies readonly (readonly [value: Sort<TicketSortField>, label: PlainKey])[];

/** The problem and change lists' sort orders: the tickets' but the SLA due date. */
export const ITIL_SORTS = [
  ['-id', 'tickets.sort.newest'],
  ['id', 'tickets.sort.oldest'],
  ['-updatedAt', 'tickets.sort.updated'],
  ['-priority', 'tickets.sort.priority'],
  ['status', 'tickets.sort.status'],
  ['title', 'tickets.sort.title'],
] as const satisfies readonly (readonly [value: Sort<ItilSortField>, label: PlainKey])[];

export const DEVICE_SORTS = [
  ['hostname', 'devices.sort.hostname'],
  ['-hostname', 'devices.sort.hostnameDesc'],
  ['-lastSeenAt', 'devices.sort.seenRecently'],
  ['lastSeenAt', 'devices.sort.seenLongAgo'],
  ['os', 'devices.sort.os'],
  ['model', 'devices.sort.model'],
  ['-firstSeenAt', 'devices.sort.newest'],
] as const satisfies readonly (readonly [value: Sort<DeviceSortField>, label: PlainKey])[];

const isOneOf = (value: string | undefined, options: readonly (readonly [string, string])[]) => options.some(([v]) => v === value);

/**
 * Ticket list query for the API. No status in the URL means open tickets (what a technician works);
 * `status=all` means no status filter; `mine=1` is the caller's own assignments.
 */
export function ticketApiQuery(q: Readonly<Record<string, string>>, meId: number): Record<string, QueryValue> {
  const status = q.status === undefined || q.status === '' ? 'open' : q.status === 'all' ? undefined : q.status;
  return {
    q: q.q,
    status,
    priority: q.priority,
    assigneeId: q.mine === '1' ? meId : undefined,
    groupId: q.groupId,
    slaState: q.slaState,
    sort: isOneOf(q.sort, TICKET_SORTS) ? q.sort : '-id',
    limit: PAGE_SIZE,
    offset: intParam(q.offset, 0),
  };
}

/**
 * The problem or change list's query: the same URL habits as the tickets' (`status` absent is the open
 * ones, `all` no filter, `mine=1` the caller's).
 */
export function itilApiQuery(q: Readonly<Record<string, string>>, meId: number): Record<string, QueryValue> {
  const status = q.status === undefined || q.status === '' ? 'open' : q.status === 'all' ? undefined : q.status;
  return {
    q: q.q,
    status,
    priority: q.priority,
    assigneeId: q.mine === '1' ? meId : undefined,
    sort: isOneOf(q.sort, ITIL_SORTS) ? q.sort : '-id',
    limit: PAGE_SIZE,
    offset: intParam(q.offset, 0),
  };
}

/** The CSV export of the same filtered list, every page of it. */
export function ticketCsvHref(q: Readonly<Record<string, string>>, meId: number): string {
  const { limit: _limit, offset: _offset, ...rest } = ticketApiQuery(q, meId);
  return `/api/v1/tickets/export.csv${buildQuery(rest)}`;
}

/** The asset list's filters the URL carries as they are to the API (the register's, then the older ones). */
export const ASSET_FILTER_PARAMS = ['type', 'state', 'locationId', 'includeSublocations', 'userId', 'warrantyEndsBefore', 'contractId', 'search', 'os', 'stale'] as const;

/** The list's filters from the URL, without sort or page: what the totals and the CSV export take. */
export function assetFilterQuery(q: Readonly<Record<string, string>>, opts: { withoutType?: boolean } = {}): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = {};
  for (const k of ASSET_FILTER_PARAMS) if (q[k] !== undefined && q[k] !== '' && !(k === 'type' && opts.withoutType)) out[k] = q[k];
  return out;
}

export function deviceApiQuery(q: Readonly<Record<string, string>>): Record<string, QueryValue> {
  return {
    ...assetFilterQuery(q),
    sort: isOneOf(q.sort, DEVICE_SORTS) ? q.sort : 'hostname',
    limit: PAGE_SIZE,
    offset: intParam(q.offset, 0),
  };
}

/** The CSV export of the same filtered list, every row of it. */
export function deviceCsvHref(q: Readonly<Record<string, string>>): string {
  return `/api/v1/devices/export.csv${buildQuery(assetFilterQuery(q))}`;
}

/** A list's filters with a new page offset (0 leaves it out of the URL). */
export function atOffset(q: Readonly<Record<string, string>>, offset: number): Record<string, QueryValue> {
  return { ...q, offset: offset > 0 ? offset : undefined };
}
