/**
 * Builds the agent's single-executable binaries: `npm run build:agent [-- --targets linux-x64,win-x64]`.
 * Offline after the first run: the official Node builds are fetched once with `npm pack` into
 * dist/.cache/ and checked against pinned integrities on every build.
 */
import { createHash } from 'node:crypto';
import { chmod, copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleAgent } from './bundle.js';
import { adHocSign, removeMachOSignature } from './macho-signature.js';
import { extractNodeBinary, nodeTarball } from './node-dist.js';
import { removePeSignature } from './pe-signature.js';
import { injectBlob, makeSeaBlob } from './sea.js';
import { NODE_VERSION, selectTargets, TARGETS } from './targets.js';
import type { Target } from './targets.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const log = (line: string) => console.error(`build-agent: ${line}`);

/** The target whose Node binary can run on this machine (needed to make the blob). */
function hostTarget(): Target {
  const name = `${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
  const t = TARGETS.find((x) => x.name === name);
  if (!t) throw new Error(`cannot build on ${process.platform}-${process.arch}: no Node ${NODE_VERSION} build for it in targets.ts`);
  return t;
}

async function sha256(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

/** Format-specific steps around the injection (signatures that injection would invalidate). */
async function prepare(target: Target, file: string): Promise<void> {
  if (target.format === 'elf') return;
  const data = await readFile(file);
  const out = target.format === 'pe' ? removePeSignature(data) : removeMachOSignature(data);
  await writeFile(file, out);
}

async function finish(target: Target, file: string): Promise<void> {
  if (target.format !== 'macho') return;
  await writeFile(file, adHocSign(await readFile(file), 'parc-agent'));
}

/** sha256sum-compatible list of every agent binary in the folder, sorted by name. */
export async function writeChecksums(outDir: string): Promise<string> {
  const names = (await readdir(outDir)).filter((n) => TARGETS.some((t) => t.output === n)).sort();
  const lines = [];
  for (const n of names) lines.push(`${await sha256(path.join(outDir, n))}  ${n}\n`);
  await writeFile(path.join(outDir, 'SHA256SUMS'), lines.join(''));
  return lines.join('');
}

async function main() {
  const { values } = parseArgs({
    options: { targets: { type: 'string' }, out: { type: 'string' }, cache: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    console.log(`Usage: npm run build:agent [-- --targets ${TARGETS.map((t) => t.name).join(',')}] [--out DIR] [--cache DIR]`);
    return;
  }
  const targets = selectTargets(values.targets);
  const outDir = path.resolve(ROOT, values.out ?? 'dist/agent');
  const cacheDir = path.resolve(ROOT, values.cache ?? 'dist/.cache');
  const work = path.join(cacheDir, 'work');
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  await mkdir(outDir, { recursive: true });

  const started = performance.now();
  const host = hostTarget();
  const hostNode =
    process.version === `v${NODE_VERSION}` ? process.execPath : await extractNodeBinary(await nodeTarball(host, cacheDir, log), host, path.join(work, 'host-node'));

  const bundle = path.join(work, 'agent.cjs');
  const { bytes } = await bundleAgent('agent/src/cli/main.ts', bundle, ROOT);
  log(`bundled agent/src/cli/main.ts: ${bytes} bytes`);
  const blob = await makeSeaBlob(hostNode, work, bundle);
  log(`SEA blob made with Node ${NODE_VERSION}: ${blob.length} bytes`);

  for (const target of targets) {
    const t0 = performance.now();
    const node = await extractNodeBinary(await nodeTarball(target, cacheDir, log), target, path.join(work, target.name));
    await prepare(target, node);
    const tmp = path.join(outDir, `.${target.output}.tmp`);
    await copyFile(node, tmp);
    await injectBlob(tmp, blob, target.format);
    await finish(target, tmp);
    await chmod(tmp, 0o755);
    await rename(tmp, path.join(outDir, target.output));
    const size = (await stat(path.join(outDir, target.output))).size;
    log(`${target.output}: ${(size / 1024 / 1024).toFixed(1)} MiB (${size} bytes) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await rm(path.join(work, target.name), { recursive: true, force: true });
  }
  const sums = await writeChecksums(outDir);
  process.stdout.write(sums);
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s; checksums in ${path.relative(ROOT, path.join(outDir, 'SHA256SUMS'))}`);
}

main().catch((e: unknown) => {
  log(`failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
