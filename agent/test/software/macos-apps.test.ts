import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Software } from '@parc/shared';
import { describe, expect, it } from 'vitest';
import { parseSystemProfilerApps } from '../../src/collectors/software/macos-apps.js';
import { isDict, parsePlist, type PlistDict } from '../../src/collectors/software/plist.js';
import { CORPUS_MISSING, corpusDir, expectValidSoftware, fixture, hasCorpus, multisetMinus } from './helpers.js';

describe('parsePlist', () => {
  it('reads every plist type', () => {
    const root = parsePlist(fixture('system-profiler-apps.xml'));
    expect(Array.isArray(root)).toBe(true);
    const report = (root as PlistDict[])[0]!;
    expect(report._SPCompletionInterval).toBe(1.5);
    expect(report._detailLevel).toBe(1);
    expect(report._timeStamp).toEqual(new Date('2024-05-01T10:00:00Z'));
    expect(report._parentDataType).toBe('');
    expect(report._properties).toEqual({});
    const items = report._items as PlistDict[];
    const intel = items.find((i) => i._name === 'Intel Only')!;
    expect(intel.size_in_bytes).toBe(-12);
    expect(intel.flag).toBe(true);
    expect(intel.other_flag).toBe(false);
    expect(Buffer.from(intel.icon as Uint8Array).toString()).toBe('Hello');
    expect(items.find((i) => i._name === 'Old Tool & Co')).toBeDefined();
  });

  it('decodes entities, CDATA, empty containers; keeps __proto__ as data', () => {
    const v = parsePlist(
      '<plist><dict><key>a</key><string>&lt;&#233;&#x263A;&quot;</string><key>__proto__</key><string>x</string>' +
        '<key>c</key><string><![CDATA[<raw>]]></string><key>d</key><array/><key>e</key><integer>42</integer></dict></plist>',
    );
    expect(isDict(v)).toBe(true);
    const d = v as PlistDict;
    expect(d.a).toBe('<é☺"');
    expect(Object.getOwnPropertyDescriptor(d, '__proto__')?.value).toBe('x');
    expect(d.c).toBe('<raw>');
    expect(d.d).toEqual([]);
    expect(d.e).toBe(42);
  });

  it('rejects malformed documents', () => {
    expect(() => parsePlist('<plist><dict><string>no key</string></dict></plist>')).toThrow();
    expect(() => parsePlist('<plist><integer>abc</integer></plist>')).toThrow();
    expect(() => parsePlist('<plist><date>yesterday</date></plist>')).toThrow();
    expect(() => parsePlist('<plist><array><string>x</array></plist>')).toThrow();
    expect(() => parsePlist('<plist><blob>1</blob></plist>')).toThrow();
  });
});

describe('parseSystemProfilerApps (synthetic sample)', () => {
  const apps = parseSystemProfilerApps(fixture('system-profiler-apps.xml'));
  const by = (name: string) => apps.filter((a) => a.name === name);

  it('maps each application and keeps same-named bundles apart by path', () => {
    expect(apps.map((a) => a.name)).toEqual(['Google Chrome', 'Calculatrice', 'Siri', 'Siri', 'Old Tool & Co', 'Script Wrapper', 'Intel Only']);
    expect(by('Siri').map((a) => a.packageId)).toEqual(['/System/Library/CoreServices/Siri.app', '/System/Applications/Siri.app']);
    expect(by('Google Chrome')[0]).toEqual({
      name: 'Google Chrome',
      version: '124.0.6367.91',
      publisher: 'Google LLC',
      arch: 'universal',
      installDate: '2024-04-25T11:11:14.000Z',
      source: 'macos-app',
      packageId: '/Applications/Google Chrome.app',
    });
    expectValidSoftware(apps);
  });

  it('derives publisher and arch from the evidence at hand', () => {
    expect(by('Calculatrice')[0]?.publisher).toBe('Apple'); // obtained_from apple
    expect(by('Siri')[0]?.publisher).toBe('Apple'); // CoreServices path
    expect(by('Siri')[0]?.arch).toBe('arm64');
    const old = by('Old Tool & Co')[0]!;
    expect([old.publisher, old.version, old.arch]).toEqual(['Widget Makers Inc.', '1.2.2', 'i386']);
    expect(by('Script Wrapper')[0]?.publisher).toBe('Jane Roe');
    expect(by('Script Wrapper')[0]).not.toHaveProperty('arch');
    expect(by('Intel Only')[0]?.arch).toBe('x86_64');
    expect(by('Intel Only')[0]).not.toHaveProperty('publisher'); // App Store signature says nothing of the maker
    expect(by('Notepad')).toEqual([]); // a Parallels VM's Windows app
  });
});

// ---- The real corpus: GLPI Agent's expected extraction from two real Macs. ----

interface Expected {
  NAME: string;
  VERSION?: string | number;
  PUBLISHER?: string;
  ARCH?: string;
  INSTALLDATE?: string;
}

const GLPI_ARCH: Record<string, string> = { universal: 'Universal', x86_64: 'Intel (x86_64)', i386: 'Intel (i386)', arm64: 'Arm' };

/**
 * GLPI Agent keys applications by name and renames the second "Siri" to "Siri_0", the third
 * "com.microsoft.openxml" to "com.microsoft.openxml_1"... We keep the real name (the path tells them
 * apart), so the expected names are paired with ours by replaying that renaming in document order.
 */
function glpiNames(apps: readonly Software[]): string[] {
  const taken = new Set<string>();
  return apps.map((a) => {
    let n = a.name;
    if (taken.has(n)) {
      let i = 0;
      while (taken.has(`${a.name}_${i}`)) i++;
      n = `${a.name}_${i}`;
    }
    taken.add(n);
    return n;
  });
}

/** dd/mm/yyyy of an ISO instant shifted by `hours` (GLPI prints lastModified in the agent's local time). */
function glpiDate(iso: string | undefined, hours: number): string | undefined {
  if (!iso) return undefined;
  const d = new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
}

const corpus = [
  { sample: 'sample5', count: 367, duplicates: 10, publisherMismatches: ['ApE', 'STMUIHelper'] },
  { sample: 'sample6', count: 362, duplicates: 9, publisherMismatches: ['HP COLOR M553 Bat2 3eme étage'.normalize('NFC'), 'STMUIHelper'] },
];

describe.skipIf(!hasCorpus)('corpus: macos system_profiler', () => {
  for (const { sample, count, duplicates, publisherMismatches } of corpus) {
    describe(sample, () => {
      const file = path.join(corpusDir, 'macos', `${sample}.SPApplicationsDataType-xml`);
      const xml = hasCorpus ? readFileSync(file, 'utf8') : '';
      // macOS file names are decomposed (NFD); our names are NFC, so compare in NFC.
      const expected: Expected[] = hasCorpus
        ? (JSON.parse(readFileSync(`${file}.expected.json`, 'utf8')) as Expected[]).map((e) => ({ ...e, NAME: e.NAME.normalize('NFC') }))
        : [];
      const apps = hasCorpus ? parseSystemProfilerApps(xml) : [];
      const names = glpiNames(apps);
      const raw = hasCorpus ? ((parsePlist(xml) as PlistDict[])[0]!._items as PlistDict[]) : [];
      const paired = expected.map((e) => {
        const i = names.indexOf(e.NAME);
        return { e, app: apps[i], raw: raw[i] };
      });

      it(`finds the ${count} applications, names and versions as a multiset`, () => {
        expect(apps).toHaveLength(count);
        expect(expected).toHaveLength(count);
        const ours = apps.map((a) => `${a.name} ${a.version ?? ''}`);
        const theirs = expected.map((e) => `${e.NAME.replace(/_\d+$/, (s) => (expected.some((x) => x.NAME === e.NAME.slice(0, -s.length)) ? '' : s))} ${e.VERSION ?? ''}`);
        expect(multisetMinus(ours, theirs)).toEqual([]);
        expect(multisetMinus(theirs, ours)).toEqual([]);
        expect(names.filter((n, i) => n !== apps[i]!.name)).toHaveLength(duplicates);
        expectValidSoftware(apps);
      });

      it('pairs every expected entry with one of ours, same version and arch', () => {
        expect(paired.filter((p) => !p.app)).toEqual([]);
        for (const { e, app, raw: r } of paired) {
          expect(app!.version ?? '', e.NAME).toBe(e.VERSION == null ? '' : String(e.VERSION));
          // GLPI prints "Other" for arch_other and nothing for arch_ios; we leave both unset.
          const glpi = app!.arch ? GLPI_ARCH[app!.arch] : r!.arch_kind === 'arch_other' ? 'Other' : undefined;
          expect(glpi, e.NAME).toBe(e.ARCH);
        }
      });

      it('has the same install day (GLPI printed them at UTC+2, the offset of the machine that ran it)', () => {
        const off = paired.filter(({ e, app }) => glpiDate(app!.installDate, 2) !== e.INSTALLDATE);
        expect(off.map((p) => p.e.NAME)).toEqual([]);
      });

      it('has the same publisher wherever GLPI found one, but for the known differences', () => {
        /*
         * Known, deliberate differences:
         * - STMUIHelper: GLPI guesses "Seagate" from the "ST" of the name (its manufacturer table);
         *   the bundle is Apple's (/System/Library/PrivateFrameworks/StorageManagement.framework,
         *   obtained_from apple), so we say Apple.
         * - HP COLOR M553 Bat2 3eme étage (a printer queue app named by its admin): GLPI maps the "HP"
         *   of the name to "Hewlett-Packard"; the bundle has no signature and no info string, so we
         *   report no publisher rather than guess from a user-chosen name.
         * - ApE: the info string spreads the copyright over lines ("A plasmid Editor\nCopyright ©
         *   2004-2017\nM. Wayne Davis"); GLPI glues the lines ("A plasmid EditorM. Wayne Davis"),
         *   we keep a space between them.
         */
        const mismatched = paired.filter(({ e, app }) => e.PUBLISHER !== undefined && e.PUBLISHER !== app!.publisher);
        expect(mismatched.map((p) => p.e.NAME).sort()).toEqual([...publisherMismatches].sort());
        // Where GLPI found none we may know better (obtained_from apple), never something else.
        const extra = paired.filter(({ e, app }) => e.PUBLISHER === undefined && app!.publisher && app!.publisher !== 'Apple');
        expect(extra.map((p) => `${p.e.NAME}: ${p.app!.publisher}`)).toEqual([]);
      });
    });
  }
});

describe.skipIf(hasCorpus)('corpus: macos', () => {
  it.skip(CORPUS_MISSING, () => {});
});

