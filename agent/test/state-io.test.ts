import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planUpload } from '../src/delta.js';
import { loadSpool, saveSpool } from '../src/spool.js';
import { AgentState, StateError } from '../src/state/agent-state.js';
import { readJsonFile, writeFileAtomic } from '../src/state/atomic-write.js';
import { BusyError, isStale, withLock } from '../src/state/lock.js';
import { identitySchema } from '../src/state/agent-state.js';
import { loadOrCreateAgentId } from '../src/identity.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'parc-agent-state-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('atomic writes and recovery', () => {
  it('replaces a file whole and leaves no temp file', async () => {
    const f = path.join(dir, 'x.json');
    await writeFileAtomic(f, '{"a":1}');
    await writeFileAtomic(f, '{"a":2}');
    expect(await readFile(f, 'utf8')).toBe('{"a":2}');
    expect(await readdir(dir)).toEqual(['x.json']);
    expect((await stat(f)).mode & 0o777).toBe(0o600);
  });

  it('ignores and cleans a truncated temp file left by a crash; the last good spool survives', async () => {
    const state = new AgentState(dir);
    await state.ensureDir();
    const inventory = { schemaVersion: 1 as const, agentId: 'a', collectedAt: '2026-11-28T10:00:00.000Z', hostname: 'h', users: [] };
    const plan = planUpload({ inventory, baseline: undefined, server: 'https://s', fullEveryDays: 7, now: new Date() });
    await saveSpool(state, plan, 0);
    // A power cut in the middle of the next write: half a JSON document in the temp file.
    const good = await readFile(state.file('spool'), 'utf8');
    await writeFile(path.join(dir, '.spool.json.999.dead.parc-tmp'), good.slice(0, good.length / 2));
    expect((await loadSpool(state))?.payload.agentId).toBe('a');
    await state.ensureDir();
    expect((await readdir(dir)).filter((n) => n.endsWith('.parc-tmp'))).toEqual([]);
  });

  it('reports a corrupt required file clearly and drops a corrupt spool', async () => {
    const state = new AgentState(dir);
    await state.ensureDir();
    await writeFile(state.file('identity'), '{"agentId":');
    await expect(state.readIdentity()).rejects.toBeInstanceOf(StateError);
    await expect(state.readIdentity()).rejects.toThrow(/identity\.json .*corrupt.*not valid JSON/);
    await writeFile(state.file('spool'), 'garbage');
    expect(await loadSpool(state)).toBeUndefined();
    expect(await readdir(dir)).not.toContain('spool.json');
    expect(await readJsonFile(path.join(dir, 'none.json'), identitySchema)).toEqual({ status: 'missing' });
  });

  it('keeps the agent id once made, key and folder owner-only', async () => {
    const state = new AgentState(path.join(dir, 'sub'));
    await state.ensureDir();
    const id = await loadOrCreateAgentId(state);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await loadOrCreateAgentId(state)).toBe(id);
    await state.writeKey('k-123');
    expect(await state.readKey()).toBe('k-123');
    expect((await stat(state.file('key'))).mode & 0o777).toBe(0o600);
    expect((await stat(state.dir)).mode & 0o777).toBe(0o700);
  });
});

describe('lock', () => {
  it('refuses a second holder, in-process and by live pid, and takes over a stale lock', async () => {
    const file = path.join(dir, 'agent.lock');
    await withLock(file, async () => {
      await expect(withLock(file, async () => 1)).rejects.toBeInstanceOf(BusyError);
    });
    await writeFile(file, JSON.stringify({ pid: process.ppid, at: new Date().toISOString() }));
    await expect(withLock(file, async () => 1)).rejects.toThrow(/in progress \(pid/);
    await writeFile(file, JSON.stringify({ pid: 2 ** 22 + 12345, at: new Date().toISOString() }));
    expect(await withLock(file, async () => 'ran')).toBe('ran');
    expect(await readdir(dir)).toEqual([]);
  });
  it('isStale: torn, dead, or too old', () => {
    const now = Date.now();
    expect(isStale('{"pid":', now, 1000, () => true)).toBe(true);
    expect(isStale(JSON.stringify({ pid: 5, at: new Date(now).toISOString() }), now, 1000, () => false)).toBe(true);
    expect(isStale(JSON.stringify({ pid: 5, at: new Date(now - 5000).toISOString() }), now, 1000, () => true)).toBe(true);
    expect(isStale(JSON.stringify({ pid: 5, at: new Date(now).toISOString() }), now, 1000, () => true)).toBe(false);
  });
});
