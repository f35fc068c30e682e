import { collectInventory } from './collectors/collect.js';
import type { AgentConfig } from './config.js';
import { baselineSchema, planUpload } from './delta.js';
import type { Baseline, UploadPlan } from './delta.js';
import { rotateKey } from './key-rotation.js';
import { log } from './log.js';
import { clearSpool, loadSpool, saveSpool } from './spool.js';
import type { SpoolEntry } from './spool.js';
import type { AgentState } from './state/agent-state.js';
import { createClient, NetworkError } from './transport/client.js';
import { KeyRotationError } from './transport/rekey.js';
import type { HttpClient } from './transport/client.js';
import { REENROLL_MESSAGE, uploadInventory } from './transport/upload.js';
import type { UploadDeps, UploadOutcome } from './transport/upload.js';

export class NotEnrolledError extends Error {
  constructor(dir: string) {
    super(`not enrolled: no agent config/key in ${dir}; run \`parc-agent enroll --server URL --token TOKEN\` first`);
    this.name = 'NotEnrolledError';
  }
}

export interface Enrollment {
  config: AgentConfig;
  agentId: string;
  agentKey: string;
}

export async function loadEnrollment(state: AgentState): Promise<Enrollment> {
  const config = await state.readConfig();
  const identity = await state.readIdentity();
  const agentKey = await state.readKey();
  if (!config || !identity || !agentKey) throw new NotEnrolledError(state.dir);
  return { config, agentId: identity.agentId, agentKey };
}

/** A damaged baseline only costs a full upload, so it is dropped rather than fatal. */
async function loadBaseline(state: AgentState): Promise<Baseline | undefined> {
  const r = await state.read('baseline', baselineSchema);
  if (r.status === 'corrupt') log.warn('ignoring unreadable delta baseline; next upload is full', { error: r.error });
  return r.status === 'ok' ? r.value : undefined;
}

export interface CycleDeps extends UploadDeps {
  client?: HttpClient;
  collect?: typeof collectInventory;
}

export interface CycleResult {
  outcome: UploadOutcome;
  plan: Pick<UploadPlan, 'kind' | 'sections'>;
  fromSpool: boolean;
}

/** Sends `plan` and records the result; the baseline advances only on acceptance. */
async function deliver(
  state: AgentState,
  enrollment: Enrollment,
  plan: UploadPlan,
  baseGeneration: number,
  fromSpool: boolean,
  deps: CycleDeps,
): Promise<CycleResult> {
  const { config, agentKey } = enrollment;
  const client =
    deps.client ??
    (await createClient({ server: config.server, ca: config.ca, pin: config.pin, timeoutMs: config.httpTimeoutMs }));
  const policy = { ...config.retry, maxRetryAfterMs: config.maxRetryAfterSeconds * 1000 };
  let outcome = await uploadInventory(client, agentKey, plan.payload, policy, deps);
  if (outcome.result === 'rekey_required') {
    // Rotate, then send this same inventory with the new key (its first use completes the rotation).
    try {
      const fresh = await rotateKey(state, client, agentKey);
      enrollment.agentKey = fresh;
      outcome = await uploadInventory(client, fresh, plan.payload, policy, deps);
    } catch (e) {
      if (!(e instanceof NetworkError) && !(e instanceof KeyRotationError)) throw e;
      outcome = { result: 'failed', error: `the server asked for a new agent key and the rotation failed (${e.message}); it is tried again next run`, attempts: outcome.attempts };
    }
  }
  const at = new Date().toISOString();
  if (outcome.result === 'accepted' && outcome.response.requestFull) {
    // The server lacks this machine's sections (it did not know the device): the delta baseline is
    // meaningless to it, so drop it and let the next upload be full.
    log.warn('the server asked for a full inventory; the next upload sends every section');
    await state.remove('baseline');
    await clearSpool(state);
  } else if (outcome.result === 'accepted') {
    // Baseline first, spool second: a crash in between resends an already-accepted payload, which is harmless.
    await state.write('baseline', plan.nextBaseline);
    await clearSpool(state);
  } else if (outcome.result === 'failed') {
    await saveSpool(state, plan, baseGeneration);
  } else if (outcome.result === 'reenroll_required') {
    log.error(REENROLL_MESSAGE);
  }
  const status = {
    at,
    kind: plan.kind,
    sections: plan.kind === 'full' ? undefined : plan.sections,
    result: outcome.result,
    fromSpool,
    httpStatus: outcome.httpStatus,
    attempts: outcome.attempts,
    serverStatus: outcome.result === 'accepted' ? outcome.response.status : undefined,
    error: outcome.result === 'accepted' ? undefined : outcome.error,
  };
  await state.updateStatus({
    lastUpload: status,
    reenrollRequired: outcome.result === 'reenroll_required',
    ...(outcome.result === 'accepted' ? { lastAccepted: at } : {}),
  });
  log.info('upload finished', { result: outcome.result, kind: plan.kind, sections: plan.sections, fromSpool, attempts: outcome.attempts });
  return { outcome, plan: { kind: plan.kind, sections: plan.sections }, fromSpool };
}

function usableSpool(spool: SpoolEntry | undefined, baseline: Baseline | undefined): spool is SpoolEntry {
  // Built on a baseline that has moved since (an accept happened in between): its delta is wrong.
  return !!spool && spool.baseGeneration === (baseline?.generation ?? 0);
}

/** Sends the spooled inventory, if any, without collecting. Used at service start. */
export async function sendSpooled(state: AgentState, deps: CycleDeps = {}): Promise<CycleResult | undefined> {
  const enrollment = await loadEnrollment(state);
  const baseline = await loadBaseline(state);
  const spool = await loadSpool(state);
  if (!spool) return undefined;
  if (!usableSpool(spool, baseline)) {
    await clearSpool(state);
    return undefined;
  }
  return deliver(state, enrollment, { ...spool, payload: spool.payload }, spool.baseGeneration, true, deps);
}

/** Collect, plan against the accepted baseline, upload (a newer collection replaces any spool). */
export async function runCycle(state: AgentState, deps: CycleDeps = {}): Promise<CycleResult> {
  const enrollment = await loadEnrollment(state);
  const { config, agentId } = enrollment;
  const collected = await (deps.collect ?? collectInventory)({ agentId, timeoutMs: config.collectorTimeoutMs });
  await state.updateStatus({
    lastCollection: {
      at: collected.inventory.collectedAt,
      durationMs: collected.durationMs,
      failedSections: collected.inventory.failedSections ?? [],
      totalMemoryBytes: collected.totalMemoryBytes,
    },
  });
  const baseline = await loadBaseline(state);
  const plan = planUpload({
    inventory: collected.inventory,
    baseline,
    server: config.server,
    fullEveryDays: config.fullEvery,
    now: new Date(),
  });
  const result = await deliver(state, enrollment, plan, baseline?.generation ?? 0, false, deps);
  if (result.outcome.result === 'accepted' && result.outcome.response.requestFull && plan.kind !== 'full') {
    // Answer at once with what was just collected, as a full inventory (the baseline is gone).
    const full = planUpload({ inventory: collected.inventory, baseline: undefined, server: config.server, fullEveryDays: config.fullEvery, now: new Date() });
    return deliver(state, enrollment, full, 0, false, deps);
  }
  return result;
}
