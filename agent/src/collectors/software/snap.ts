import type { Software } from '@parc/shared';
import { cLocaleEnv, clean, run } from './exec.js';

/**
 * Snaps from the `snap list` table: Name Version Rev Tracking Publisher Notes. No column holds a
 * space, so splitting on whitespace is exact; the header is located by name so a reordered or extra
 * column (newer snapd) does not shift the fields.
 */

/** Publisher marks: ✓ verified, ✪ starred, and their `--unicode=never` forms `*` / `**`. */
const stripMark = (s: string) => s.replace(/[✓✪*]+$/u, '');

export function parseSnapList(text: string): Software[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const header = lines.shift()?.trim().split(/\s+/).map((h) => h.toLowerCase());
  if (!header || header[0] !== 'name') return [];
  const col = (row: string[], name: string) => {
    const i = header.indexOf(name);
    const v = i >= 0 ? row[i] : undefined;
    return v === '-' ? undefined : v;
  };
  const out: Software[] = [];
  for (const line of lines) {
    const row = line.trim().split(/\s+/);
    const name = col(row, 'name');
    if (!name) continue;
    // Disabled revisions only show with --all, but never count them as installed software.
    if ((col(row, 'notes') ?? '').split(',').includes('disabled')) continue;
    const publisher = col(row, 'publisher');
    out.push(
      clean({
        name,
        version: col(row, 'version'),
        publisher: publisher ? stripMark(publisher) : undefined,
        source: 'snap' as const,
        packageId: name,
      }),
    );
  }
  return out;
}

export async function collectSnap(): Promise<Software[]> {
  return parseSnapList(await run('snap', ['list', '--color=never', '--unicode=never'], { env: cLocaleEnv() }));
}
