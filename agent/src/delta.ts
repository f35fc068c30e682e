import { createHash } from 'node:crypto';
import { z } from 'zod';
import { INVENTORY_SECTIONS, inventorySectionSchema } from '@parc/shared';
import type { Inventory, InventorySection } from '@parc/shared';

/** JSON with object keys sorted, so equal data always hashes equal whatever order collectors used. */
export function stableStringify(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => stableStringify(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/** Fields that move on their own every hour; the server stores them but never diffs them. */
function withoutVolatile(section: InventorySection, data: unknown): unknown {
  if (section === 'volumes' && Array.isArray(data)) {
    return data.map((v: Record<string, unknown>) => ({ ...v, freeBytes: undefined }));
  }
  return data;
}

export function hashSection(section: InventorySection, data: unknown): string {
  return createHash('sha256').update(stableStringify(withoutVolatile(section, data))).digest('hex');
}

/**
 * The section hashes of the last inventory the server ACCEPTED, and when the last full one went. Bound
 * to the server and agent id: enrolling elsewhere starts from nothing.
 */
export const baselineSchema = z.object({
  server: z.string(),
  agentId: z.string(),
  hashes: z.partialRecord(inventorySectionSchema, z.string()),
  lastFullAt: z.string().optional(),
  /** Bumped on every commit; a spooled upload built on another generation is stale. */
  generation: z.number().int().nonnegative(),
});
export type Baseline = z.infer<typeof baselineSchema>;

export type UploadKind = 'full' | 'partial' | 'check-in';

export interface UploadPlan {
  kind: UploadKind;
  payload: Inventory;
  /** The sections carried (all collected ones for a full). */
  sections: InventorySection[];
  /** What the baseline becomes once, and only once, the server accepts this payload. */
  nextBaseline: Baseline;
}

export interface PlanInput {
  inventory: Inventory;
  baseline: Baseline | undefined;
  server: string;
  fullEveryDays: number;
  now: Date;
}

const DAY_MS = 86_400_000;

function needsFull({ baseline, server, inventory, fullEveryDays, now }: PlanInput): boolean {
  if (!baseline || baseline.server !== server || baseline.agentId !== inventory.agentId) return true;
  if (!baseline.lastFullAt) return true;
  const last = Date.parse(baseline.lastFullAt);
  // A clock set backwards makes `last` lie in the future: go full rather than wait for years.
  return !Number.isFinite(last) || last > now.getTime() || now.getTime() - last >= fullEveryDays * DAY_MS;
}

/** Decides what to send: a full inventory, only the changed sections, or a bare check-in. */
export function planUpload(input: PlanInput): UploadPlan {
  const { inventory, baseline, server } = input;
  const failed = new Set((inventory.failedSections ?? []).map((f) => f.section));
  const collected = INVENTORY_SECTIONS.filter((s) => !failed.has(s) && inventory[s] !== undefined);
  const hashes = Object.fromEntries(collected.map((s) => [s, hashSection(s, inventory[s])])) as Partial<
    Record<InventorySection, string>
  >;
  const full = needsFull(input);
  // A failed section keeps its old hash: it was not sent, so the server still holds the old data.
  const sameTarget = baseline?.server === server && baseline?.agentId === inventory.agentId;
  const kept = !sameTarget ? {} : full ? pickFailed(baseline, failed) : baseline?.hashes;
  const mergedHashes = { ...kept, ...hashes };
  const nextBaseline: Baseline = {
    server,
    agentId: inventory.agentId,
    hashes: mergedHashes,
    lastFullAt: full ? inventory.collectedAt : baseline?.lastFullAt,
    generation: (baseline?.generation ?? 0) + 1,
  };
  const envelope = {
    schemaVersion: inventory.schemaVersion,
    agentId: inventory.agentId,
    collectedAt: inventory.collectedAt,
    hostname: inventory.hostname,
    agentVersion: inventory.agentVersion,
    ...(inventory.failedSections?.length ? { failedSections: inventory.failedSections } : {}),
  } satisfies Inventory;

  if (full) {
    return { kind: 'full', payload: { ...inventory }, sections: collected, nextBaseline };
  }
  const changed = collected.filter((s) => baseline?.hashes[s] !== hashes[s]);
  const data = Object.fromEntries(changed.map((s) => [s, inventory[s]]));
  return {
    kind: changed.length ? 'partial' : 'check-in',
    payload: { ...envelope, sections: changed, ...data },
    sections: changed,
    nextBaseline,
  };
}

function pickFailed(baseline: Baseline | undefined, failed: Set<InventorySection>) {
  if (!baseline) return {};
  return Object.fromEntries(Object.entries(baseline.hashes).filter(([s]) => failed.has(s as InventorySection)));
}
