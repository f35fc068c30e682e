import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/real-server.js';
import { resultsFolder } from './results.js';

describe('benchmark results', () => {
  it('go to the ignored bench-results/ unless asked to update the tracked ones', () => {
    expect(resultsFolder(['node', 'ingest.bench.ts'], {})).toBe(path.join(ROOT, 'bench-results'));
    expect(resultsFolder(['node', 'ingest.bench.ts', '--update'], {})).toBe(path.join(ROOT, 'test/bench'));
    expect(resultsFolder(['node', 'ingest.bench.ts'], { BENCH_UPDATE: '1' })).toBe(path.join(ROOT, 'test/bench'));
  });

  it.runIf(spawnSync('git', ['-C', ROOT, 'rev-parse'], { stdio: 'ignore' }).status === 0)('git ignores bench-results/ and tracks test/bench/results-*.md', () => {
    const ignored = (file: string) => spawnSync('git', ['-C', ROOT, 'check-ignore', '-q', file]).status === 0;
    expect(ignored('bench-results/results-pglite.md')).toBe(true);
    expect(ignored('test/bench/results-pglite.md')).toBe(false);
  });
});
