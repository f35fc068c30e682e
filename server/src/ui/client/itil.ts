import type { TimelineEntry, UserRef } from './types.js';

/**
 * Tickets, problems and changes are one machinery on the server (one table family, one timeline, one
 * workflow engine), so the page parts that show and feed it are one too: they take the object's kind and
 * call its API. Pure: tested in server/test/ui.
 */
export type ItilKind = 'ticket' | 'problem' | 'change';

const COLLECTION: Record<ItilKind, string> = { ticket: 'tickets', problem: 'problems', change: 'changes' };

/** `/api/v1/problems/7`: where an object of a kind lives in the API. */
export const itilApiPath = (kind: ItilKind, id: number) => `/api/v1/${COLLECTION[kind]}/${id}`;

/** What the timeline, its forms and the actions panel read of a ticket, a problem or a change. */
export interface ItilItem {
  id: number;
  status: string;
  timeline: TimelineEntry[];
  availableActions: string[];
  assignees: { users: UserRef[]; groups: { id: number; name: string }[] };
}

/** Statuses after which nothing is added to an object any more. */
export const isFinished = (status: string) => status === 'closed';
