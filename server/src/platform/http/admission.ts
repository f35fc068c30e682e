import { TooManyRequestsError } from './errors.js';

/**
 * Admission control for the ingest routes: a concurrency limit and a short bounded wait queue. When more
 * agents arrive than the database can take, the excess is answered at once (429 with a Retry-After) instead
 * of queueing until every request times out. The Retry-After is derived from the backlog and the observed
 * service time, with jitter, so a fleet sent away together comes back spread over the time the server needs
 * to serve it, not all at once.
 *
 * The decision is pure (`decideAdmission`, `retryAfterSeconds`); `Admission` keeps the counters and the queue.
 * Counters are per server process: several processes behind a load balancer each protect their own pool.
 */

export interface AdmissionLimits {
  /** Requests worked on at once (each may hold a database connection). */
  concurrency: number;
  /** Requests that may wait for a free slot; beyond that they are turned away at once. */
  queue: number;
  /** Longest wait in the queue before being turned away. */
  maxWaitMs: number;
  /** Ceiling of the Retry-After answered. */
  maxRetryAfterSeconds: number;
}

export interface AdmissionState {
  inFlight: number;
  queued: number;
  /** Observed time one request holds a slot (moving average), in ms. */
  serviceMs: number;
  /** Requests recently turned away (a count decaying with `REJECTION_MEMORY_MS`): they will come back. */
  recentRejections: number;
}

export type AdmissionDecision = { kind: 'run' } | { kind: 'wait' } | { kind: 'reject'; retryAfterSeconds: number };

/** How long a rejection is remembered (time constant of the decay): about the span of one burst. */
export const REJECTION_MEMORY_MS = 10_000;
/** Service time assumed before anything was measured: a first inventory on a small machine. */
export const INITIAL_SERVICE_MS = 50;
const SERVICE_SMOOTHING = 0.2;

/** Run now when a slot is free; wait when the queue has room; otherwise turn away with a Retry-After. */
export function decideAdmission(state: AdmissionState, limits: AdmissionLimits, random: () => number): AdmissionDecision {
  if (state.inFlight < limits.concurrency && state.queued === 0) return { kind: 'run' };
  if (state.queued < limits.queue) return { kind: 'wait' };
  return { kind: 'reject', retryAfterSeconds: retryAfterSeconds(state, limits, random) };
}

/**
 * Seconds a turned-away request should wait: the time to drain what is in flight and queued, plus a random
 * share of the time needed to serve everyone recently turned away (they come back too). One rejection
 * alone waits a second or two; ten thousand agents at once are spread over the minutes they take to serve.
 */
export function retryAfterSeconds(state: AdmissionState, limits: AdmissionLimits, random: () => number): number {
  const perSecond = (limits.concurrency * 1000) / Math.max(1, state.serviceMs);
  const drain = (state.inFlight + state.queued) / perSecond;
  const spread = Math.max(1, (state.recentRejections + 1) / perSecond);
  const wait = Math.ceil(drain + random() * spread);
  return Math.min(limits.maxRetryAfterSeconds, Math.max(1, wait));
}

/** Exponential moving average of the service time; the first sample replaces the initial guess. */
export function nextServiceMs(previous: number, sample: number, samples: number): number {
  return samples === 0 ? sample : previous + SERVICE_SMOOTHING * (sample - previous);
}

/** A count decaying exponentially with time constant `memoryMs`, `elapsedMs` after it was `count`. */
export function decayedCount(count: number, elapsedMs: number, memoryMs = REJECTION_MEMORY_MS): number {
  return elapsedMs <= 0 ? count : count * Math.exp(-elapsedMs / memoryMs);
}

export interface AdmissionDeps {
  now?: () => number;
  random?: () => number;
  /** Told of every request turned away (for a log line; keep it cheap). */
  onReject?: (counters: AdmissionCounters, retryAfterSeconds: number) => void;
}

export interface AdmissionCounters extends AdmissionState {
  admitted: number;
  rejected: number;
}

/** Thrown (as a 429) when a request is turned away; legacy routes answer it in their own protocol. */
export class ServerBusyError extends TooManyRequestsError {
  constructor(retryAfterSeconds: number) {
    super(
      `the server is taking as many inventories as its database can: send again in ${retryAfterSeconds} s (nothing was stored from this request)`,
      retryAfterSeconds,
      { limit: 'ingest_capacity' },
    );
  }
}

interface Waiter {
  resolve: () => void;
  timer: ReturnType<typeof setTimeout>;
}

export class Admission {
  private inFlight = 0;
  private readonly waiting: Waiter[] = [];
  private serviceMs = INITIAL_SERVICE_MS;
  private samples = 0;
  private rejections = 0;
  private rejectionsAt = 0;
  private admitted = 0;
  private rejected = 0;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly onReject: AdmissionDeps['onReject'];

  constructor(
    readonly limits: AdmissionLimits,
    deps: AdmissionDeps = {},
  ) {
    this.now = deps.now ?? (() => performance.now());
    this.random = deps.random ?? Math.random;
    this.onReject = deps.onReject;
  }

  state(): AdmissionState {
    return { inFlight: this.inFlight, queued: this.waiting.length, serviceMs: this.serviceMs, recentRejections: this.recentRejections() };
  }

  counters(): AdmissionCounters {
    return { ...this.state(), admitted: this.admitted, rejected: this.rejected };
  }

  /** Runs `work` in a slot, after waiting for one if needed; throws ServerBusyError when turned away. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const decision = decideAdmission(this.state(), this.limits, this.random);
    if (decision.kind === 'reject') throw this.reject(decision.retryAfterSeconds);
    if (decision.kind === 'wait') await this.waitForSlot();
    else this.inFlight++;
    this.admitted++;
    const started = this.now();
    try {
      return await work();
    } finally {
      this.serviceMs = nextServiceMs(this.serviceMs, this.now() - started, this.samples++);
      this.release();
    }
  }

  private recentRejections(): number {
    return decayedCount(this.rejections, this.now() - this.rejectionsAt);
  }

  private reject(retryAfter: number): ServerBusyError {
    this.rejections = this.recentRejections() + 1;
    this.rejectionsAt = this.now();
    this.rejected++;
    this.onReject?.(this.counters(), retryAfter);
    return new ServerBusyError(retryAfter);
  }

  /** Resolves holding a slot (handed over by `release`), or rejects when the wait runs out. */
  private waitForSlot(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        timer: setTimeout(() => {
          const i = this.waiting.indexOf(waiter);
          if (i >= 0) this.waiting.splice(i, 1);
          // Measured without itself: the queue it leaves is what the next ones face.
          reject(this.reject(retryAfterSeconds(this.state(), this.limits, this.random)));
        }, this.limits.maxWaitMs),
      };
      this.waiting.push(waiter);
    });
  }

  /** Hands the slot to the longest waiter, or frees it. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      next.resolve();
    } else {
      this.inFlight--;
    }
  }
}

/** The ingest routes' limits, from the validated configuration. */
export function ingestAdmissionLimits(config: {
  PARC_INGEST_CONCURRENCY: number;
  PARC_INGEST_QUEUE: number;
  PARC_INGEST_QUEUE_WAIT_MS: number;
  PARC_INGEST_MAX_RETRY_AFTER_SECONDS: number;
}): AdmissionLimits {
  return {
    concurrency: config.PARC_INGEST_CONCURRENCY,
    queue: config.PARC_INGEST_QUEUE,
    maxWaitMs: config.PARC_INGEST_QUEUE_WAIT_MS,
    maxRetryAfterSeconds: config.PARC_INGEST_MAX_RETRY_AFTER_SECONDS,
  };
}
