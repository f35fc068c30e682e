import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale, t } from '../../src/ui/client/i18n/i18n.js';
import { AREAS, CATALOGUES, type MessageKey } from '../../src/ui/client/i18n/messages/index.js';

/**
 * The catalogues are complete and consistent: both languages have the same keys, and each message the
 * same arguments of the same kind; every key is used by the client and every key the client asks for
 * exists; every message formats in both languages.
 */

const CLIENT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../src/ui/client');
const MESSAGES_DIR = path.join(CLIENT, 'i18n', 'messages');

function clientSources(dir = CLIENT): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full !== MESSAGES_DIR) out.push(...clientSources(full));
    } else if (entry.name.endsWith('.ts')) {
      out.push({ file: path.relative(CLIENT, full), text: readFileSync(full, 'utf8') });
    }
  }
  return out;
}

type Kind = 'plain' | 'number' | 'date' | 'select';
interface Element { type: number; value?: string; options?: Record<string, { value: Element[] }> }

/** Argument name → kind, from the parsed message (FormatJS' AST: 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural). */
function argumentsOf(message: string): Record<string, Kind> {
  const found = new Map<string, Set<Kind>>();
  const walk = (elements: Element[]) => {
    for (const el of elements) {
      const kind: Kind | null = el.type === 1 ? 'plain' : el.type === 2 || el.type === 6 ? 'number' : el.type === 3 || el.type === 4 ? 'date' : el.type === 5 ? 'select' : null;
      if (kind && el.value) found.set(el.value, (found.get(el.value) ?? new Set()).add(kind));
      for (const option of Object.values(el.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, 'en', undefined, { ignoreTag: true }).getAst() as Element[]);
  // An argument used as a number and as text (`{n, plural, … {{n} items}}`) takes a number.
  const strongest = (kinds: Set<Kind>): Kind => (['number', 'date', 'select', 'plain'] as const).find((k) => kinds.has(k))!;
  return Object.fromEntries([...found].map(([name, kinds]) => [name, strongest(kinds)]).sort());
}

const sample: Record<Kind, unknown> = { plain: 'x', number: 2, date: new Date('2026-11-28T09:00:00Z'), select: 'other' };

describe('message catalogues', () => {
  afterEach(() => setLocale('en', []));

  it('each area owns its prefix; the two languages have exactly the same keys', () => {
    const areas = AREAS.map((a) => a.area);
    expect(new Set(areas).size).toBe(areas.length);
    for (const a of AREAS) {
      const en = Object.keys(a.en).sort();
      expect({ area: a.area, outside: en.filter((k) => !k.startsWith(`${a.area}.`)) }).toEqual({ area: a.area, outside: [] });
      expect({ area: a.area, keys: Object.keys(a.fr).sort() }).toEqual({ area: a.area, keys: en });
    }
    const all = AREAS.flatMap((a) => Object.keys(a.en));
    expect(Object.keys(CATALOGUES.en)).toHaveLength(all.length);
    expect(Object.keys(CATALOGUES.fr).sort()).toEqual(Object.keys(CATALOGUES.en).sort());
  });

  it('each message has the same arguments, of the same kind, in both languages; no message is empty', () => {
    const mismatched: string[] = [];
    for (const key of Object.keys(CATALOGUES.en) as MessageKey[]) {
      const en = argumentsOf(CATALOGUES.en[key]);
      const fr = argumentsOf(CATALOGUES.fr[key]);
      if (JSON.stringify(en) !== JSON.stringify(fr)) mismatched.push(`${key}: en ${JSON.stringify(en)} fr ${JSON.stringify(fr)}`);
      expect(CATALOGUES.en[key].trim(), key).not.toBe('');
      expect(CATALOGUES.fr[key].trim(), key).not.toBe('');
    }
    expect(mismatched).toEqual([]);
  });

  it('no ASCII apostrophe (ICU quoting would swallow text): typographic ’ instead', () => {
    const quoted = (['en', 'fr'] as const).flatMap((lang) => Object.entries(CATALOGUES[lang]).filter(([, m]) => m.includes("'")).map(([k]) => `${lang} ${k}`));
    expect(quoted).toEqual([]);
  });

  it('every message formats in both languages with its arguments', () => {
    for (const lang of ['en', 'fr'] as const) {
      setLocale(lang, []);
      for (const key of Object.keys(CATALOGUES.en) as MessageKey[]) {
        const args = Object.fromEntries(Object.entries(argumentsOf(CATALOGUES.en[key])).map(([name, kind]) => [name, sample[kind]]));
        const text = (t as (k: MessageKey, a?: object) => string)(key, args);
        expect(text, `${lang} ${key}`).not.toMatch(/[{}]/);
        expect(text.length, `${lang} ${key}`).toBeGreaterThan(0);
      }
    }
  });

  it('every key is used by the client, and every key the client asks for exists', () => {
    const sources = clientSources();
    expect(sources.length).toBeGreaterThan(40);
    const text = sources.map((s) => s.text).join('\n');
    const unused = Object.keys(CATALOGUES.en).filter((key) => !text.includes(`'${key}'`) && !text.includes(`"${key}"`));
    expect(unused).toEqual([]);

    const missing: string[] = [];
    const dynamic: string[] = [];
    for (const { file, text: src } of sources) {
      for (const m of src.matchAll(/\bt\(\s*(['"])([^'"]+)\1/g)) if (!Object.hasOwn(CATALOGUES.en, m[2]!)) missing.push(`${file}: ${m[2]}`);
      // Keys are written out whole so that this test (and a search) finds them: no `t(\`area.${x}\`)`.
      for (const m of src.matchAll(/\bt\(\s*`/g)) dynamic.push(`${file}@${m.index}`);
    }
    expect(missing).toEqual([]);
    expect(dynamic).toEqual([]);
  });
});
