import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The fuse string Node's SEA support looks for; postject flips its last character once a blob is in. */
export const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const SEA_RESOURCE = 'NODE_SEA_BLOB';

/**
 * Writes sea-config.json beside the bundle and makes the preparation blob with `node` (which must be
 * the exact Node version of the binaries the blob goes into: a blob from another version crashes).
 * Paths in the config are relative to `workDir` because the main script's path is stored in the blob.
 * No code cache and no snapshot: both are machine-specific, and the blob must be the same everywhere.
 */
export async function makeSeaBlob(node: string, workDir: string, mainFile: string): Promise<Buffer> {
  const config = {
    main: path.basename(mainFile),
    output: 'sea-prep.blob',
    disableExperimentalSEAWarning: true,
    useSnapshot: false,
    useCodeCache: false,
  };
  await writeFile(path.join(workDir, 'sea-config.json'), JSON.stringify(config, null, 2) + '\n');
  try {
    await run(node, ['--experimental-sea-config', 'sea-config.json'], { cwd: workDir });
  } catch (e) {
    throw new Error(`making the SEA blob with ${node} failed: ${(e as Error).message}`);
  }
  return readFile(path.join(workDir, config.output));
}

interface Postject {
  inject(file: string, name: string, data: Buffer, options: { sentinelFuse: string; machoSegmentName?: string; overwrite?: boolean }): Promise<void>;
}

/** Injects the blob into a copy of a Node binary with postject (a devDependency; LIEF compiled to wasm). */
export async function injectBlob(binary: string, blob: Buffer, format: 'elf' | 'pe' | 'macho'): Promise<void> {
  const postject = createRequire(import.meta.url)('postject') as Postject;
  // LIEF warns once per unnamed ELF note section ("Can't find string offset"); harmless, as Node's
  // SEA documentation says, and it would bury the build's own output.
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    await postject.inject(binary, SEA_RESOURCE, blob, {
      sentinelFuse: SEA_FUSE,
      ...(format === 'macho' ? { machoSegmentName: 'NODE_SEA' } : {}),
    });
  } finally {
    console.warn = warn;
  }
}
