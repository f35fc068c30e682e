import { z } from 'zod';
import { parseCidr } from './http/cidr.js';

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

/** A number from the environment; `PORT=` (empty, as env files often have) means unset, not 0. */
const envNumber = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);

/** Server configuration, read from the environment once and validated. */
export const configSchema = z.object({
  PORT: envNumber(z.coerce.number().int().min(0).max(65535).default(8080)),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Postgres connection string; when absent, the embedded PGlite database in PARC_DATA_DIR. */
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), 'must start with postgres:// or postgresql://'),
  PARC_DATA_DIR: z.string().min(1).default('./data'),
  /**
   * Server processes (Node cluster workers) `npm start` runs on Postgres; unset: one per core. 1 runs
   * no cluster. Ignored with the embedded database, whose data folder one process holds.
   */
  PARC_WORKERS: envNumber(z.coerce.number().int().min(1).max(256).optional()),
  PARC_ADMIN_PASSWORD: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || v.length >= 8, 'must be at least 8 characters'),
  PARC_STALE_DAYS: envNumber(z.coerce.number().int().min(1).max(3650).default(30)),
  /** Licence managers are told this many days before a licence's last valid day. */
  PARC_LICENCE_EXPIRY_DAYS: envNumber(z.coerce.number().int().min(1).max(3650).default(30)),
  /** Tell admins and technicians this many days before an asset's warranty ends. */
  PARC_WARRANTY_ALERT_DAYS: envNumber(z.coerce.number().int().min(1).max(3650).default(30)),
  /** Largest accepted inventory upload (agents, legacy agents), after decompression, in bytes. */
  PARC_MAX_BODY_BYTES: envNumber(z.coerce.number().int().min(1024).default(64 * 1024 * 1024)),
  /** Largest JSON body of every other route, in bytes; a route that needs more (imports) says so itself. */
  PARC_MAX_JSON_BYTES: envNumber(z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024)),
  /** Failed logins for one username within 15 minutes before further attempts wait. */
  PARC_LOGIN_MAX_FAILURES: envNumber(z.coerce.number().int().min(1).max(1000).default(10)),
  /** Enrollment rate limits: at most this many enrollments per token, and per client address, in each window. */
  PARC_ENROLL_WINDOW_SECONDS: envNumber(z.coerce.number().int().min(1).max(86_400).default(60)),
  PARC_ENROLL_MAX_PER_TOKEN: envNumber(z.coerce.number().int().min(1).max(1_000_000).default(120)),
  PARC_ENROLL_MAX_PER_ADDRESS: envNumber(z.coerce.number().int().min(1).max(1_000_000).default(30)),
  /**
   * Burst protection of the ingest routes (agent uploads and check-ins, legacy agents): inventories worked on
   * at once (each holds one of the 10 database connections: 8 leaves room for the web UI and the API), how
   * many may wait for a free slot and how long. Beyond that agents get 429 (legacy agents 503) with a
   * Retry-After, at most PARC_INGEST_MAX_RETRY_AFTER_SECONDS, that spreads them out.
   */
  PARC_INGEST_CONCURRENCY: envNumber(z.coerce.number().int().min(1).max(1000).default(8)),
  PARC_INGEST_QUEUE: envNumber(z.coerce.number().int().min(0).max(100_000).default(64)),
  PARC_INGEST_QUEUE_WAIT_MS: envNumber(z.coerce.number().int().min(0).max(600_000).default(5_000)),
  PARC_INGEST_MAX_RETRY_AFTER_SECONDS: envNumber(z.coerce.number().int().min(1).max(86_400).default(300)),
  /** An agent that enrolled but sent no inventory within this many hours is deleted (its key stops working). */
  PARC_UNUSED_ENROLLMENT_HOURS: envNumber(z.coerce.number().int().min(1).max(24 * 3650).default(72)),
  /** After an admin's re-key request, the machine may also re-enroll under the same agent id for this many hours. */
  PARC_AGENT_REKEY_HOURS: envNumber(z.coerce.number().int().min(1).max(24 * 365).default(168)),
  PARC_SESSION_HOURS: envNumber(z.coerce.number().int().min(1).max(24 * 365).default(12)),
  PARC_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PARC_PUBLIC_URL: z.string().url().optional(),
  /** Folder with the built agent binaries served at /downloads/agent/ (default: the repository's dist/agent). */
  PARC_AGENT_DIST_DIR: z.string().trim().min(1).optional(),
  PARC_SECURE_COOKIES: flag.default(false),
  /** Outgoing mail, e.g. smtps://user:pass@mail.example.org:465; notifications by email are off when absent. */
  PARC_SMTP_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^smtps?:\/\/[^/?#]+/.test(v), 'must look like smtp://host:port or smtps://user:pass@host:port'),
  PARC_SMTP_FROM: z.string().trim().min(3).default('parc@localhost'),
  /** The language of notification emails for people who chose none (users.locale). */
  PARC_DEFAULT_LOCALE: z.enum(['en', 'fr']).default('en'),
  /** Delivery attempts per notification before it is marked failed (about 8 hours at the default). */
  PARC_NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  /** Accept GLPI Agent / FusionInventory / OCS Inventory agents (also switchable by an admin setting). */
  /**
   * Comma-separated ranges of reverse proxies whose `X-Forwarded-For` is believed: the client address
   * (login throttling, enrollment limits, the audit log) is then the nearest address they did not add.
   */
  PARC_TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean))
    .refine((list) => list.every((s) => parseCidr(s) !== undefined), 'must be a comma-separated list of CIDR ranges, e.g. 127.0.0.1/32,10.0.0.0/8'),
  PARC_LEGACY_INVENTORY: flag.default(false),
  /** Comma-separated IPv4/IPv6 ranges whose legacy agents may post without credentials. */
  PARC_LEGACY_ALLOWED_CIDRS: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean))
    .refine((list) => list.every((s) => parseCidr(s) !== undefined), 'must be a comma-separated list of CIDR ranges, e.g. 10.0.0.0/8,2001:db8::/32'),
});
export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration in the environment: ${lines.join('; ')}`);
  }
  return parsed.data;
}
