/**
 * Agent benchmark: wall time and peak memory of a full inventory, median of five runs, for Parc's agent
 * (the linux-x64 binary when built, and the bundled sources through Node) and, when installed, Debian's
 * fusioninventory-inventory and ocsinventory-agent on the same machine. Writes bench-results/results-agent.md,
 * or the tracked test/bench/results-agent.md with --update (or BENCH_UPDATE=1).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeResults } from './results.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TIME = '/usr/bin/time';
const tmp = await mkdtemp(path.join(os.tmpdir(), 'parc-agent-bench-'));

const which = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Runs a command RUNS times under /usr/bin/time; returns median seconds and median peak RSS (MB). */
function measure(cmd: string[], opts: { peer?: boolean } = {}) {
  const secs: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(TIME, ['-f', '%e %M', ...cmd], { encoding: 'utf8', cwd: ROOT, maxBuffer: 256 * 2 ** 20 });
    const last = r.stderr.trim().split('\n').filter((l) => /^[\d.]+ \d+$/.test(l)).pop() ?? '';
    const [s, kb] = last.split(' ').map(Number);
    // Peer agents exit non-zero when they have no server to talk to, after doing the whole inventory.
    if ((r.status !== 0 && !opts.peer) || !Number.isFinite(s) || !Number.isFinite(kb)) throw new Error(`${cmd.join(' ')} failed: ${r.stderr.slice(-500)}`);
    secs.push(s!);
    rss.push(kb! / 1024);
  }
  return { seconds: median(secs), rssMb: median(rss) };
}

if (!existsSync(TIME)) {
  console.error('agent benchmark needs /usr/bin/time (Debian package "time") to read peak memory');
  process.exit(1);
}

const rows: { what: string; seconds: number; rssMb: number; note: string }[] = [];
const binary = path.join(ROOT, 'dist/agent/parc-agent-linux-x64');
if (process.platform === 'linux' && process.arch === 'x64' && existsSync(binary)) {
  const out = path.join(tmp, 'bin.json');
  rows.push({ what: 'parc-agent-linux-x64 inventory', ...measure([binary, 'inventory', '--output', out]), note: 'single-executable binary' });
} else {
  console.error('no dist/agent/parc-agent-linux-x64: run `npm run build:agent -- --targets linux-x64` to include it');
}
rows.push({
  what: 'parc-agent inventory (sources via tsx)',
  ...measure([process.execPath, '--import', 'tsx', 'agent/src/cli/main.ts', 'inventory', '--output', path.join(tmp, 'src.json')]),
  note: 'includes TypeScript compilation at start',
});
if (which('fusioninventory-inventory')) {
  rows.push({ what: 'fusioninventory-inventory', ...measure(['sh', '-c', 'fusioninventory-inventory > /dev/null'], { peer: true }), note: 'Debian package' });
}
if (which('ocsinventory-agent')) {
  rows.push({ what: 'ocsinventory-agent --local', ...measure(['sh', '-c', `ocsinventory-agent --nolocal --local=${tmp} --force > /dev/null 2>&1`], { peer: true }), note: 'Debian package' });
}

const lines = [
  '# Agent benchmark',
  '',
  `${new Date().toISOString()} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'} · ${os.platform()} ${os.release()}`,
  `Full inventory (hardware and software), median of ${RUNS} runs; peak RSS from /usr/bin/time. The shell wrapper of the peer agents adds ~1 MB.`,
  '',
  '| command | wall s | peak RSS MB | note |',
  '| --- | ---: | ---: | --- |',
  ...rows.map((r) => `| ${r.what} | ${r.seconds.toFixed(2)} | ${r.rssMb.toFixed(0)} | ${r.note} |`),
  '',
];
console.log(lines.join('\n'));
await writeResults('agent', lines.join('\n'));
await rm(tmp, { recursive: true, force: true });
