import type { Software } from '@parc/shared';
import { cLocaleEnv, clean, run } from './exec.js';
import { stripEmail } from './dpkg.js';

/**
 * Arch Linux packages from `pacman -Qi`. The runner sets LC_ALL=C (English labels, C date format)
 * and TZ=UTC, so the parser can read "Install Date" as UTC without guessing a zone abbreviation.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * pacman's dates in the C locale, as UTC: `Tue 05 Mar 2024 10:11:12 AM UTC` (pacman >= 5, `%c`)
 * or `Tue Mar  5 10:11:12 2024` (older).
 */
export function parsePacmanDate(s: string | undefined): string | undefined {
  if (!s) return undefined;
  let m = /^\w{3}\s+(\d{1,2})\s+(\w{3})\s+(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})(?:\s*([AP]M))?/i.exec(s.trim());
  let parts: [number, string, number, number, number, number, string | undefined] | undefined;
  if (m) parts = [Number(m[1]), m[2] ?? '', Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), m[7]];
  else if ((m = /^\w{3}\s+(\w{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})/.exec(s.trim())))
    parts = [Number(m[2]), m[1] ?? '', Number(m[6]), Number(m[3]), Number(m[4]), Number(m[5]), undefined];
  if (!parts) return undefined;
  const [day, mon, year, h, min, sec, ampm] = parts;
  const month = MONTHS.indexOf(mon.toLowerCase());
  if (month < 0) return undefined;
  const hour = ampm ? (h % 12) + (ampm.toUpperCase() === 'PM' ? 12 : 0) : h;
  const d = new Date(Date.UTC(year, month, day, hour, min, sec));
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Parses `pacman -Qi` (all installed packages, blank-line separated `Key : value` blocks). */
export function parsePacmanQi(text: string): Software[] {
  const out: Software[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    let last: string | undefined;
    for (const line of block.split('\n')) {
      const m = /^([A-Za-z][A-Za-z ]*?)\s*:\s?(.*)$/.exec(line);
      if (m?.[1] && !/^\s/.test(line)) {
        last = m[1];
        fields.set(last, (m[2] ?? '').trim());
      } else if (last && /^\s/.test(line)) {
        fields.set(last, `${fields.get(last) ?? ''} ${line.trim()}`); // wrapped list continuation
      }
    }
    const name = fields.get('Name');
    if (!name) continue;
    const packager = fields.get('Packager');
    out.push(
      clean({
        name,
        version: fields.get('Version'),
        publisher: packager === 'Unknown Packager' ? undefined : stripEmail(packager),
        arch: fields.get('Architecture'),
        installDate: parsePacmanDate(fields.get('Install Date')),
        source: 'pacman' as const,
        packageId: name,
      }),
    );
  }
  return out;
}

export async function collectPacman(): Promise<Software[]> {
  return parsePacmanQi(await run('pacman', ['-Qi'], { env: cLocaleEnv({ TZ: 'UTC' }) }));
}
