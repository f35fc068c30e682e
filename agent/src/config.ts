import cron from 'node-cron';
import { z } from 'zod';

/** A SHA-256 certificate fingerprint, `AB:CD:…` or plain hex; stored as uppercase hex without colons. */
export const pinSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/^sha256[:/]/i, '').replace(/[:\s]/g, '').toUpperCase())
  .refine((s) => /^[0-9A-F]{64}$/.test(s), 'must be a SHA-256 fingerprint: 64 hex digits, colons optional');

export const serverUrlSchema = z
  .string()
  .trim()
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password;
    } catch {
      return false;
    }
  }, 'must be an http(s) URL such as https://parc.example.org')
  .transform((s) => s.replace(/\/+$/, ''));

/**
 * config.json in the state folder. Written by `enroll`, editable by an admin; strict so that a typo in a
 * key is an error rather than a silently ignored setting.
 */
export const configSchema = z.strictObject({
  server: serverUrlSchema,
  /** PEM file of the CA (or the self-signed certificate) that signs the server's certificate. */
  ca: z.string().trim().min(1).optional(),
  /** Extra check on top of CA verification: the server certificate's SHA-256 fingerprint. */
  pin: pinSchema.optional(),
  schedule: z
    .string()
    .trim()
    .default('0 * * * *')
    .refine((s) => cron.validate(s), 'not a valid cron expression'),
  /** Random delay added to every scheduled run, so a fleet does not upload in the same second. */
  jitterMaxSeconds: z.number().int().min(0).max(86_400).default(300),
  /** Days between full inventories; deltas in between. */
  fullEvery: z.number().positive().max(365).default(7),
  collectorTimeoutMs: z.number().int().min(100).max(600_000).default(15_000),
  httpTimeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  retry: z
    .strictObject({
      attempts: z.number().int().min(1).max(20).default(5),
      baseDelayMs: z.number().int().min(0).max(600_000).default(1_000),
      maxDelayMs: z.number().int().min(0).max(3_600_000).default(60_000),
    })
    .default({ attempts: 5, baseDelayMs: 1_000, maxDelayMs: 60_000 }),
  /** Longest 429 Retry-After the agent waits in-process; longer ones end the attempt (spooled). */
  maxRetryAfterSeconds: z.number().int().min(0).max(86_400).default(900),
});
export type AgentConfig = z.output<typeof configSchema>;
export type AgentConfigInput = z.input<typeof configSchema>;
