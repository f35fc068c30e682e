import type { ApprovalItemKind } from '@parc/shared/api/approval-enums';
import type { Db } from '../../platform/db/database.js';

/**
 * What happens to an item when its approval round settles, per kind (a change moves to accepted or refused):
 * the kind's module registers its handler, so approvals never import the modules that use them. The
 * handler runs inside the answering transaction: if it throws, the answer is not recorded either.
 */
export type ApprovalSettledHandler = (tx: Db, itemId: number, outcome: 'approved' | 'refused', now: Date) => Promise<void>;

const handlers = new Map<ApprovalItemKind, ApprovalSettledHandler>();

/** One handler per kind; registering again replaces it (the app wires each kind once, tests may rewire). */
export function registerApprovalSettled(kind: ApprovalItemKind, handler: ApprovalSettledHandler): void {
  handlers.set(kind, handler);
}

export async function runApprovalSettled(tx: Db, kind: ApprovalItemKind, itemId: number, outcome: 'approved' | 'refused', now: Date): Promise<void> {
  await handlers.get(kind)?.(tx, itemId, outcome, now);
}
