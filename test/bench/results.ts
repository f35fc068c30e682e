import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Folder for a benchmark's results: bench-results/ (ignored by git) unless asked to update the tracked ones. */
export function resultsFolder(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): string {
  const update = argv.includes('--update') || env.BENCH_UPDATE === '1';
  return path.join(ROOT, update ? 'test/bench' : 'bench-results');
}

/**
 * Writes `results-<kind>.md`. A run is a measurement of one machine at one moment: it goes to
 * bench-results/ so that running a benchmark never changes tracked files. `--update` (or BENCH_UPDATE=1)
 * writes the tracked test/bench/results-<kind>.md instead, to publish new figures.
 */
export async function writeResults(kind: string, text: string): Promise<string> {
  const folder = resultsFolder();
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, `results-${kind}.md`);
  await writeFile(file, text);
  console.log(`results written to ${path.relative(ROOT, file)}`);
  return file;
}
