import type { Clock, Inventory } from '@parc/shared';
import type { Db } from '../../platform/db/database.js';
import { withRetry } from '../../platform/db/transaction-retry.js';
import { loadSetting, saveSetting } from '../../platform/settings/settings.repository.js';
import * as repo from './ingest.repository.js';
import { assetSerialLockKey, decidePeripheralBackfill, PERIPHERAL_SECTIONS, peripheralBatchHistory, reportedPeripherals, type PeripheralSection } from './peripherals.js';

/**
 * Computers inventoried before peripherals were linked keep their monitors and printers as components
 * only until that section next changes. This links them from the stored components, once: set-based per
 * page of computers (one read, one insert, one update, one history insert), idempotent (a second run finds
 * everything linked and writes nothing), and safe beside live ingest (the same serial locks).
 */

/** The settings key recording that the backfill ran; bump the suffix to run it again after a fix. */
export const PERIPHERAL_BACKFILL_MARKER = 'inventory.peripheralBackfill.v1';
const PAGE = 500;

export interface BackfillResult {
  computers: number;
  created: number;
  linked: number;
}

/** Links every computer's stored peripherals, page by page, each page in its own transaction. */
export async function backfillPeripherals(db: Db, now: Date, pageSize = PAGE): Promise<BackfillResult> {
  const total: BackfillResult = { computers: 0, created: 0, linked: 0 };
  const carried = new Set<string>(PERIPHERAL_SECTIONS);
  let after: repo.BackfillCursor | null = null;
  for (;;) {
    const cursor: repo.BackfillCursor | null = after;
    const page = await withRetry(() =>
      db.transaction().execute(async (tx) => {
        const { computers, components } = await repo.loadPeripheralComponents(tx, PERIPHERAL_SECTIONS, cursor, pageSize);
        const sections = new Map<number, Pick<Inventory, PeripheralSection>>();
        for (const c of components) {
          const inv = sections.get(c.device_id) ?? {};
          // Stored component data is the item as the inventory carried it.
          (inv[c.kind as PeripheralSection] ??= [] as never[]).push(c.data as never);
          sections.set(c.device_id, inv);
        }
        const claims = computers.map((c) => ({ ...c, reported: reportedPeripherals(sections.get(c.id) ?? {}, carried) }));
        const reported = claims.flatMap((c) => c.reported);
        await repo.lockIdentities(tx, reported.map((r) => assetSerialLockKey(r.type, r.serial)));
        const batch = decidePeripheralBackfill(claims, await repo.loadPeripherals(tx, [], reported, []));
        if (batch.length > 0) await repo.applyPeripherals(tx, batch, (ids) => peripheralBatchHistory(batch, ids), now);
        const decisions = batch.flatMap((b) => b.decisions);
        return { computers, created: decisions.filter((d) => d.kind === 'create').length, linked: decisions.filter((d) => d.kind === 'link').length };
      }),
    );
    total.computers += page.computers.length;
    total.created += page.created;
    total.linked += page.linked;
    const last = page.computers.at(-1);
    if (!last || page.computers.length < pageSize) return total;
    after = { lastSeenAt: last.lastSeenAt, id: last.id };
  }
}

/** Runs the backfill unless its marker says it ran; the marker is written once every page is done. */
export async function backfillPeripheralsOnce(db: Db, clock: Clock): Promise<BackfillResult | null> {
  if ((await loadSetting(db, PERIPHERAL_BACKFILL_MARKER)) !== undefined) return null;
  const result = await backfillPeripherals(db, clock.now());
  await saveSetting(db, PERIPHERAL_BACKFILL_MARKER, { doneAt: clock.now().toISOString(), ...result }, clock.now());
  return result;
}
