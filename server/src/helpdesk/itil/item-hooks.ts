import type { Db } from '../../platform/db/database.js';

/**
 * Ports through which features that build on ITIL objects (approvals) take part in their life without the
 * objects' modules importing them: a hook when an item is opened, and a guard before a workflow action.
 * Both run inside the caller's transaction; a guard refuses by throwing a typed error (a 409 with a reason).
 * Registered once by the composition root (app.ts); registering a name again replaces it.
 */

export interface OpenedItem {
  itemId: number;
  kind: 'ticket' | 'problem' | 'change';
  /** incident/request for tickets, null for other kinds. */
  type: string | null;
  categoryId: number | null;
  /** The person who opened it; null for an agent. */
  actorId: number | null;
  now: Date;
  email: boolean;
}

export interface ItemAction {
  itemId: number;
  kind: 'ticket' | 'problem' | 'change';
  /** The workflow action's type (solve, close…). */
  action: string;
}

export type ItemOpenedHook = (tx: Db, item: OpenedItem) => Promise<void>;
export type ItemActionGuard = (tx: Db, step: ItemAction) => Promise<void>;

const openedHooks = new Map<string, ItemOpenedHook>();
const actionGuards = new Map<string, ItemActionGuard>();

export function registerItemOpenedHook(name: string, hook: ItemOpenedHook): void {
  openedHooks.set(name, hook);
}

export function registerItemActionGuard(name: string, guard: ItemActionGuard): void {
  actionGuards.set(name, guard);
}

export async function runItemOpenedHooks(tx: Db, item: OpenedItem): Promise<void> {
  // One after the other: a transaction is one connection.
  for (const hook of openedHooks.values()) await hook(tx, item);
}

export async function runItemActionGuards(tx: Db, step: ItemAction): Promise<void> {
  for (const guard of actionGuards.values()) await guard(tx, step);
}
