import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/platform/db/database.js';
import { claimRound, roundGate, startPeriodic } from '../../src/platform/periodic.js';
import { restartDelayMs, workerCount } from '../../src/platform/cluster.js';
import { resetDatabase, testDatabase } from '../helpers/test-db.js';

/**
 * Periodic jobs with several server processes on one database: each round is claimed in periodic_jobs,
 * so one process runs it. On Postgres the second "process" is a second connection pool on the same
 * schema (what another server holds); on PGlite (one process by design) the same handle.
 */
let db: Db;
let other: Db;
let ownOther: Db | undefined;

beforeAll(async () => {
  ({ db } = await testDatabase());
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s;
    ownOther = (await openDatabase({ url, dataDir: '', searchPath: schema })).db;
  }
  other = ownOther ?? db;
}, 180_000);
afterAll(async () => {
  await ownOther?.destroy();
});
beforeEach(async () => {
  await resetDatabase(db);
});

describe('periodic job rounds shared by several processes', () => {
  it('a round claimed by one process is not run by the other until it is due again', async () => {
    expect(await claimRound(db, 'licences', 60_000, 'server-a:1')).toBe(true);
    expect(await claimRound(other, 'licences', 60_000, 'server-b:2')).toBe(false);
    expect(await claimRound(db, 'licences', 60_000, 'server-a:1')).toBe(false);
    // Another job is claimed on its own.
    expect(await claimRound(other, 'assets', 60_000, 'server-b:2')).toBe(true);
    const row = await db.selectFrom('periodic_jobs').selectAll().where('name', '=', 'licences').executeTakeFirstOrThrow();
    expect(row.claimed_by).toBe('server-a:1');
    // The round is due again: whoever asks first runs it.
    await db.updateTable('periodic_jobs').set({ next_run_at: sql<Date>`now() - interval '1 second'` }).where('name', '=', 'licences').execute();
    expect(await claimRound(other, 'licences', 60_000, 'server-b:2')).toBe(true);
    expect(await claimRound(db, 'licences', 60_000, 'server-a:1')).toBe(false);
  });

  it('of many processes asking at the same moment, exactly one gets the round', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => claimRound(i % 2 ? other : db, 'sla-watch', 60_000, `server-${i}:${i}`)));
    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  it('two processes running the same job on their own timers: one of them runs the round', async () => {
    let runsA = 0;
    let runsB = 0;
    const jobA = startPeriodic(async () => void runsA++, { firstDelayMs: 0, intervalMs: 3_600_000, gate: roundGate(db, 'assets', 3_600_000, 'server-a:1') });
    const jobB = startPeriodic(async () => void runsB++, { firstDelayMs: 0, intervalMs: 3_600_000, gate: roundGate(other, 'assets', 3_600_000, 'server-b:2') });
    for (let i = 0; i < 100 && runsA + runsB === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await Promise.all([jobA.stop(), jobB.stop()]);
    expect(runsA + runsB).toBe(1);
  });

  it('without a gate, a round still waits for the previous one to end', async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    const job = startPeriodic(
      async () => {
        runs++;
        most = Math.max(most, ++active);
        await new Promise((r) => setTimeout(r, 60));
        active--;
      },
      { firstDelayMs: 0, intervalMs: 10 },
    );
    for (let i = 0; i < 100 && runs < 3; i++) await new Promise((r) => setTimeout(r, 20));
    await job.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(most).toBe(1);
  });
});

describe('npm start: how many server processes', () => {
  it('one per core on Postgres, PARC_WORKERS when set, always one on the embedded database', () => {
    expect(workerCount({ postgres: true, requested: undefined, cores: 4 })).toBe(4);
    expect(workerCount({ postgres: true, requested: 1, cores: 4 })).toBe(1);
    expect(workerCount({ postgres: true, requested: 3, cores: 2 })).toBe(3);
    expect(workerCount({ postgres: false, requested: 8, cores: 4 })).toBe(1);
    expect(workerCount({ postgres: true, requested: undefined, cores: 1 })).toBe(1);
  });

  it('restarts a crashed worker after 1 s, doubling with each crash in a row, at most 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(restartDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });
});
