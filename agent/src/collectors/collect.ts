import { hostname, totalmem } from 'node:os';
import { INVENTORY_SECTIONS, inventorySchema } from '@parc/shared';
import type { Inventory, InventoryInput, InventorySection } from '@parc/shared';
import { log } from '../log.js';
import { errorMessage, withTimeout } from '../util/timeout.js';
import { AGENT_VERSION } from '../version.js';
import { hardwareCollectors } from './hardware/index.js';
import { loadSoftwareCollector } from './software.js';
import { createContext } from './types.js';
import type { CollectorContext, CollectorMap } from './types.js';

export interface CollectOptions {
  agentId: string;
  /** Per section, in milliseconds. */
  timeoutMs?: number;
  platform?: NodeJS.Platform;
  /** Only these sections (others are neither sent nor reported as failed). Default: all. */
  sections?: readonly InventorySection[];
  /** Replaces the real collectors, for tests. */
  collectors?: CollectorMap;
  now?: () => Date;
}

export interface CollectResult {
  inventory: Inventory;
  /**
   * Installed RAM as the OS sees it. The contract has no field for it yet; memory modules are empty when
   * the firmware tables are unreadable (VMs, containers), so the agent keeps and shows it locally.
   */
  totalMemoryBytes: number;
  durationMs: number;
}

export const DEFAULT_COLLECTOR_TIMEOUT_MS = 15_000;

function softwareCollector(): NonNullable<CollectorMap['software']> {
  return async (ctx: CollectorContext) => {
    const collect = await loadSoftwareCollector();
    const { software, errors } = await collect(ctx.platform);
    // Partial parser errors are worth a log line; the section still goes with what was found.
    for (const e of errors) log.warn('software collector reported an error', { error: e });
    return software;
  };
}

export async function collectInventory(opts: CollectOptions): Promise<CollectResult> {
  const started = Date.now();
  const platform = opts.platform ?? process.platform;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_COLLECTOR_TIMEOUT_MS;
  const collectors: CollectorMap = opts.collectors ?? { ...hardwareCollectors, software: softwareCollector() };
  const wanted = opts.sections ?? INVENTORY_SECTIONS;
  const ctx = createContext(platform);

  const data: Record<string, unknown> = {};
  const failed: Array<{ section: InventorySection; error: string }> = [];
  // Sections are independent reads of the system: run them together, each under its own timer.
  await Promise.all(
    wanted.map(async (section) => {
      const collector = collectors[section] as ((c: CollectorContext) => Promise<unknown>) | undefined;
      if (!collector) {
        failed.push({ section, error: 'no collector for this section' });
        return;
      }
      try {
        data[section] = await withTimeout(() => collector(ctx), timeoutMs, `${section} collector`);
      } catch (e) {
        log.warn('collector failed', { section, error: errorMessage(e) });
        failed.push({ section, error: errorMessage(e).slice(0, 1024) || 'collector failed' });
      }
    }),
  );

  const inventory = validateDroppingBadSections(
    {
      schemaVersion: 1,
      agentId: opts.agentId,
      collectedAt: (opts.now?.() ?? new Date()).toISOString(),
      hostname: hostname(),
      agentVersion: AGENT_VERSION,
      ...data,
    },
    failed,
  );
  return { inventory, totalMemoryBytes: totalmem(), durationMs: Date.now() - started };
}

/**
 * A section the contract rejects (a value out of range on an odd machine) is moved to failedSections
 * rather than sinking the whole inventory.
 */
export function validateDroppingBadSections(
  raw: Record<string, unknown>,
  failed: Array<{ section: InventorySection; error: string }>,
): Inventory {
  const sectionSet = new Set<string>(INVENTORY_SECTIONS);
  for (let attempt = 0; attempt <= INVENTORY_SECTIONS.length; attempt++) {
    const candidate = { ...raw, failedSections: failed.length ? sortFailed(failed) : undefined };
    const parsed = inventorySchema.safeParse(candidate as InventoryInput);
    if (parsed.success) return parsed.data;
    const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])).filter((k) => sectionSet.has(k)));
    if (bad.size === 0) throw new Error(`inventory does not match the contract: ${parsed.error.message}`);
    for (const section of bad) {
      const issue = parsed.error.issues.find((i) => i.path[0] === section);
      const entries = raw[section];
      delete raw[section];
      if (issue?.code === 'too_big' && issue.path.length === 1 && Array.isArray(entries)) {
        // Not a quirk of one value: the whole list is over the contract's cap and the server keeps the
        // section as it was. Said loudly, every run, so it does not go stale unnoticed.
        const error = `${entries.length} entries, more than the ${String(issue.maximum)} Parc stores for one machine: this section is not updated`;
        log.error(`the ${section} section is too large to send`, { section, entries: entries.length, max: issue.maximum, next: 'remove unused entries on this machine, or report it to the Parc administrators' });
        failed.push({ section: section as InventorySection, error });
        continue;
      }
      failed.push({
        section: section as InventorySection,
        error: `invalid data at ${issue?.path.join('.')}: ${issue?.message}`.slice(0, 1024),
      });
    }
  }
  throw new Error('inventory does not match the contract');
}

function sortFailed(failed: Array<{ section: InventorySection; error: string }>) {
  const order = (s: InventorySection) => INVENTORY_SECTIONS.indexOf(s);
  return [...failed].sort((a, b) => order(a.section) - order(b.section));
}
