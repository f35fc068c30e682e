import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repo root, the repo's own copy of the MIT GLPI samples, and the shared corpus (absent in a fresh clone). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const LOCAL_GLPI = path.join(ROOT, 'test/fixtures/glpi');
export const SHARED = path.resolve(ROOT, '../shared/fixtures');
export const hasShared = existsSync(path.join(SHARED, 'glpi-inventory-format'));
export const hasPeerAgents = existsSync(path.join(SHARED, 'peer-agents'));

export const localGlpi = (name: string) => readFileSync(path.join(LOCAL_GLPI, name));
export const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

/** Text of the first `<TAG>…</TAG>` inside `<SECTION>`, read with a regex so tests do not trust the parser under test. */
export function xmlField(xml: string, section: string, tag: string): string | undefined {
  const block = new RegExp(`<${section}>([\\s\\S]*?)</${section}>`).exec(xml)?.[1] ?? '';
  const v = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(block)?.[1]?.trim();
  return v ? v.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>') : undefined;
}

/** Every `<SECTION>…</SECTION>` block's tags as a record (regex, flat). */
export function xmlBlocks(xml: string, section: string): Record<string, string>[] {
  return [...xml.matchAll(new RegExp(`<${section}>([\\s\\S]*?)</${section}>`, 'g'))].map((m) =>
    Object.fromEntries([...m[1]!.matchAll(/<([A-Z_0-9]+)>([^<]*)<\/\1>/g)].map((t) => [t[1]!, t[2]!.trim()])),
  );
}

/** Distinct installations as the diff counts them: same name (case-folded), publisher, arch, source and version once. */
export function distinctSoftware(items: { name?: string; version?: string; arch?: string; publisher?: string; from?: string }[]): number {
  const junk = (s?: string) => (s === undefined || ['', 'n/a', '(none)', 'none', 'unknown'].includes(s.trim().toLowerCase()) ? '' : s.trim());
  return new Set(
    items
      .filter((s) => junk(s.name) !== '')
      .map((s) => [junk(s.name).toLowerCase(), junk(s.publisher).toLowerCase(), junk(s.arch).toLowerCase(), junk(s.from).toLowerCase(), junk(s.version)].join('\u0000')),
  ).size;
}
