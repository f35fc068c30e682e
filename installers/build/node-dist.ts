import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { NODE_VERSION } from './targets.js';
import type { Target } from './targets.js';

const run = promisify(execFile);

/** `sha512-<base64>` of a file, the form npm uses for `dist.integrity`. */
export async function fileIntegrity(file: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return `sha512-${hash.digest('base64')}`;
}

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

/**
 * Returns the path of the verified tarball of the target's official Node build, downloading it with
 * `npm pack` only when the cache does not hold a copy matching the pinned integrity. npm pack itself
 * checks the download against the registry's integrity; we check it again against our pin, so a
 * changed registry answer or a damaged cache never reaches a build.
 */
export async function nodeTarball(target: Target, cacheDir: string, log: (line: string) => void): Promise<string> {
  const spec = `${target.nodePackage}@${NODE_VERSION}`;
  const file = path.join(cacheDir, `${target.nodePackage}-${NODE_VERSION}.tgz`);
  if (await exists(file)) {
    if ((await fileIntegrity(file)) === target.tarballIntegrity) return file;
    log(`cached ${path.basename(file)} does not match its pinned integrity: fetching it again`);
    await rm(file, { force: true });
  }
  await mkdir(cacheDir, { recursive: true });
  log(`fetching ${spec} with npm pack (once; later builds use ${cacheDir})`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const partial = path.join(cacheDir, 'partial');
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial);
  try {
    await run(npm, ['pack', spec, '--pack-destination', partial, '--silent'], { maxBuffer: 16 * 1024 * 1024, shell: process.platform === 'win32' });
  } catch (e) {
    throw new Error(`npm pack ${spec} failed (is the npm registry reachable? the first build needs it): ${(e as Error).message}`);
  }
  const got = await fileIntegrity(path.join(partial, path.basename(file)));
  if (got !== target.tarballIntegrity) {
    throw new Error(`${spec}: tarball integrity ${got} differs from the pinned ${target.tarballIntegrity}; refusing to build with it`);
  }
  await rename(path.join(partial, path.basename(file)), file);
  await rm(partial, { recursive: true, force: true });
  return file;
}

/** Extracts the Node binary from a verified tarball into `dir` and returns its path. */
export async function extractNodeBinary(tarball: string, target: Target, dir: string): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', dir, target.binaryInTarball]);
  return path.join(dir, target.binaryInTarball);
}
