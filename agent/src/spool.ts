import { z } from 'zod';
import { inventorySchema, inventorySectionSchema } from '@parc/shared';
import { baselineSchema } from './delta.js';
import type { UploadPlan } from './delta.js';
import { log } from './log.js';
import type { AgentState } from './state/agent-state.js';

/**
 * The newest inventory the server has not accepted yet, with the baseline it would commit. One slot:
 * a newer collection replaces it, since deltas are always computed against the last ACCEPTED baseline
 * and so already include whatever the older one carried.
 */
export const spoolSchema = z.object({
  savedAt: z.string(),
  kind: z.enum(['full', 'partial', 'check-in']),
  sections: z.array(inventorySectionSchema),
  /** Generation of the baseline the payload was computed against. */
  baseGeneration: z.number().int().nonnegative(),
  payload: inventorySchema,
  nextBaseline: baselineSchema,
});
export type SpoolEntry = z.infer<typeof spoolSchema>;

export async function saveSpool(state: AgentState, plan: UploadPlan, baseGeneration: number, now = new Date()) {
  const entry: SpoolEntry = {
    savedAt: now.toISOString(),
    kind: plan.kind,
    sections: plan.sections,
    baseGeneration,
    payload: plan.payload,
    nextBaseline: plan.nextBaseline,
  };
  await state.write('spool', entry);
}

/** A damaged spool is dropped with a warning: the next collection rebuilds everything it held. */
export async function loadSpool(state: AgentState): Promise<SpoolEntry | undefined> {
  const r = await state.read('spool', spoolSchema);
  if (r.status === 'corrupt') {
    log.warn('discarding unreadable spooled inventory', { file: state.file('spool'), error: r.error });
    await state.remove('spool');
    return undefined;
  }
  return r.status === 'ok' ? r.value : undefined;
}

export function clearSpool(state: AgentState): Promise<void> {
  return state.remove('spool');
}
