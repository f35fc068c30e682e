import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { softwareSchema, type Software } from '@parc/shared';
import { expect } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../..');
/** The real-world corpus lives next to the repository, never in it (GPL-2 files); see its README. */
export const corpusDir = path.resolve(repoRoot, '../shared/fixtures');
export const hasCorpus = existsSync(corpusDir);
export const CORPUS_MISSING = `real-world corpus not found at ${corpusDir}: corpus tests skipped (synthetic fixtures still run)`;

export function fixture(name: string): string {
  return readFileSync(path.join(here, '../fixtures/software', name), 'utf8');
}

/** Every item must pass the wire contract unchanged (no field the server would reject or rewrite). */
export function expectValidSoftware(items: readonly Software[]): void {
  for (const item of items) {
    const parsed = softwareSchema.safeParse(item);
    expect(parsed.success, `${JSON.stringify(item)} ${parsed.success ? '' : parsed.error.message}`).toBe(true);
  }
}

/** Multiset difference a - b, for readable failure messages. */
export function multisetMinus(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const x of b) counts.set(x, (counts.get(x) ?? 0) + 1);
  const out: string[] = [];
  for (const x of a) {
    const n = counts.get(x) ?? 0;
    if (n > 0) counts.set(x, n - 1);
    else out.push(x);
  }
  return out;
}
