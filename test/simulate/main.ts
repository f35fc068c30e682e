/**
 * `npm run simulate -- --server URL --token ENROLLMENT_TOKEN --agents N --duration SECONDS
 *   [--interval S] [--concurrency C] [--seed S] [--min-inventories K] [--tag T] [--api-token T | --admin-user U --admin-password P] [--json]`
 * Exit code 1 when the server does not hold exactly what the simulated agents sent.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { formatSummary, simulate } from './simulate.js';

const { values } = parseArgs({
  options: {
    server: { type: 'string' },
    token: { type: 'string' },
    agents: { type: 'string', default: '100' },
    duration: { type: 'string', default: '60' },
    interval: { type: 'string' },
    concurrency: { type: 'string', default: '32' },
    seed: { type: 'string', default: '1' },
    'min-inventories': { type: 'string', default: '1' },
    tag: { type: 'string' },
    'api-token': { type: 'string' },
    'admin-user': { type: 'string' },
    'admin-password': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const args = z
  .object({
    server: z.string().url(),
    token: z.string().min(1),
    agents: z.coerce.number().int().min(1).max(1_000_000),
    duration: z.coerce.number().positive(),
    interval: z.coerce.number().positive().optional(),
    concurrency: z.coerce.number().int().min(1).max(10_000),
    seed: z.coerce.number().int(),
    'min-inventories': z.coerce.number().int().min(1).max(1000),
    tag: z.string().regex(/^[a-z0-9][a-z0-9-]{0,30}$/i).optional(),
    'api-token': z.string().min(1).optional(),
    'admin-user': z.string().min(1).optional(),
    'admin-password': z.string().min(1).optional(),
    json: z.boolean(),
  })
  .safeParse(values);
if (!args.success) {
  console.error(`simulate: ${args.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`);
  process.exit(2);
}
const a = args.data;
const summary = await simulate({
  server: a.server,
  token: a.token,
  agents: a.agents,
  durationSeconds: a.duration,
  intervalSeconds: a.interval,
  concurrency: a.concurrency,
  seed: a.seed,
  minInventories: a['min-inventories'],
  tag: a.tag,
  apiToken: a['api-token'],
  adminUser: a['admin-user'],
  adminPassword: a['admin-password'],
  log: a.json ? undefined : (l) => console.log(l),
});
console.log(a.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
process.exit(summary.verification.ok ? 0 : 1);
