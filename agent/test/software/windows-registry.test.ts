import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodeRegFile,
  exclusionReason,
  keyName,
  parseHkuSids,
  parseInstallDate,
  parseRegExport,
  uninstallEntriesToSoftware,
  type ExcludedReason,
  type RegKey,
} from '../../src/collectors/software/windows-registry.js';
import { CORPUS_MISSING, corpusDir, expectValidSoftware, fixture, hasCorpus } from './helpers.js';

const UNINSTALL = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall';

function utf16WithBom(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\n/g, '\r\n'), 'utf16le')]);
}

describe('parseRegExport (synthetic sample)', () => {
  const text = fixture('uninstall-sample.reg');
  const keys = parseRegExport(text);
  const byName = new Map(keys.map((k) => [keyName(k.path), k]));

  it('reads every key header, skips [-deleted] keys', () => {
    expect(keys).toHaveLength(16);
    expect(byName.has('Removed')).toBe(false);
    expect(keys[0]?.path).toBe(UNINSTALL);
  });

  it('decodes strings, escapes, default values, dword, hex, hex(2), hex(7), hex(b), multi-line strings', () => {
    const zip = byName.get('7-Zip')!;
    expect(zip.values.get('')).toEqual({ type: 'string', value: 'default value' });
    expect(zip.values.get('UninstallString')).toEqual({ type: 'string', value: '"C:\\Program Files\\7-Zip\\Uninstall.exe"' });
    expect(zip.values.get('EstimatedSize')).toEqual({ type: 'dword', value: 0x160e });

    const contoso = byName.get('Contoso "Quoted" Tool')!;
    expect(contoso.values.get('DisplayName')).toEqual({ type: 'string', value: 'Contoso "Quoted" Tool' });
    expect(contoso.values.get('DisplayVersion')).toEqual({ type: 'expand', value: '1.2.3' });
    expect(contoso.values.get('Comments')).toEqual({ type: 'multi', value: ['line one', 'line two'] });
    expect(contoso.values.get('Size')).toEqual({ type: 'qword', value: 4096n });
    expect(contoso.values.get('Blob')).toEqual({ type: 'binary', kind: 3, value: new Uint8Array([0xde, 0xad, 0xbe, 0xef]) });
    expect(contoso.values.get('Notes')).toEqual({ type: 'string', value: 'first line\nsecond line' });
  });

  it('skips unreadable values but keeps the key; keeps deletions', () => {
    const broken = byName.get('Broken Values')!;
    expect(broken.values.has('Bad')).toBe(false);
    expect(broken.values.has('AlsoBad')).toBe(false);
    expect(broken.values.get('Deleted')).toEqual({ type: 'delete' });
    expect(broken.values.get('DisplayName')).toEqual({ type: 'string', value: 'Broken Values' });
  });

  it('decodes UTF-16LE with BOM, UTF-8 with and without BOM identically', () => {
    const fromUtf16 = parseRegExport(decodeRegFile(utf16WithBom(text)));
    const fromUtf8Bom = parseRegExport(decodeRegFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])));
    const fromUtf8 = parseRegExport(decodeRegFile(Buffer.from(text)));
    const bomless16 = parseRegExport(decodeRegFile(Buffer.from(text, 'utf16le')));
    for (const parsed of [fromUtf16, fromUtf8Bom, fromUtf8, bomless16]) expect(parsed).toEqual(keys);
    expect(byName.get('Café Ünïcødé')?.values.get('DisplayName')).toEqual({ type: 'string', value: 'Café Ünïcødé ☕' });
  });
});

describe('uninstallEntriesToSoftware (synthetic sample)', () => {
  const keys = parseRegExport(fixture('uninstall-sample.reg'));
  const excluded: [string, ExcludedReason][] = [];
  const software = uninstallEntriesToSoftware(keys, { arch: 'x64', onExcluded: (k, r) => excluded.push([keyName(k.path), r]) });

  it('lists exactly the programs Apps & features would show', () => {
    expect(software.map((s) => s.name).sort()).toEqual(
      [
        '7-Zip 23.01 (x64)',
        'Broken Values',
        'Café Ünïcødé ☕',
        'Contoso "Quoted" Tool',
        'Microsoft Office Professional Plus 2010',
        'MSXML 4.0 SP2 (KB954430)',
        'Shown Despite Flag',
      ].sort(),
    );
    expectValidSoftware(software);
  });

  it('says why each other subkey is left out (the grandchild key is not an entry at all)', () => {
    expect(excluded.sort()).toEqual(
      [
        ['Connection Manager', 'no-display-name'],
        ['Hidden Runtime', 'system-component'],
        ['{90140000-0011-0000-0000-0000000FF1CE}_Office14.PROPLUS_{ABC}', 'parent-key'],
        ['{90140000-0011-0000-0000-0000000FF1CE}', 'msi-duplicate'],
        ['KB969084', 'release-type'],
        ['KB892130', 'hotfix-name'],
        ['{11111111-2222-3333-4444-555555555555}', 'hotfix-name'],
      ].sort(),
    );
  });

  it('maps fields: version, publisher, arch, date, source, packageId', () => {
    const zip = software.find((s) => s.packageId === '7-Zip');
    expect(zip).toEqual({
      name: '7-Zip 23.01 (x64)',
      version: '23.01',
      publisher: 'Igor Pavlov',
      arch: 'x64',
      installDate: '2024-01-17',
      source: 'registry',
      packageId: '7-Zip',
    });
    const msxml = software.find((s) => s.name.startsWith('MSXML'));
    expect(msxml?.source).toBe('msi');
    expect(msxml?.packageId).toBe('{86493ADD-824D-4B8E-BD72-8C5DCDC52A71}');
    // 2023-02-30 does not exist: no date rather than a wrong one.
    expect(software.find((s) => s.packageId === 'Contoso "Quoted" Tool')?.installDate).toBeUndefined();
    expect(uninstallEntriesToSoftware(keys)[0]?.arch).toBeUndefined();
  });

  it('parses InstallDate forms', () => {
    expect(parseInstallDate('20120220')).toBe('2012-02-20');
    expect(parseInstallDate('2012-02-20')).toBe('2012-02-20');
    expect(parseInstallDate('2012/02/20')).toBe('2012-02-20');
    expect(parseInstallDate('20121320')).toBeUndefined();
    expect(parseInstallDate('Mon Feb 20')).toBeUndefined();
    expect(parseInstallDate(undefined)).toBeUndefined();
  });

  it('lists user SIDs from reg query HKU', () => {
    expect(parseHkuSids(fixture('reg-query-hku.txt'))).toEqual([
      'S-1-5-21-1004336348-1177238915-682003330-1001',
      'S-1-12-1-1234-5678-91011-1213',
    ]);
  });
});

// ---- The real corpus: reg exports from real machines (GPL-2, read in place, never copied). ----

/** Independent re-statement of the filter, value by value, so the test does not just replay the code. */
function rawString(k: RegKey, name: string): string | undefined {
  const v = k.values.get(name);
  return v && (v.type === 'string' || v.type === 'expand') && v.value.trim() !== '' ? v.value.trim() : undefined;
}
const isDword1 = (k: RegKey, name: string) => {
  const v = k.values.get(name);
  return v?.type === 'dword' && v.value === 1;
};

function loadCorpus(file: string): RegKey[] {
  return parseRegExport(decodeRegFile(readFileSync(path.join(corpusDir, 'windows-registry', file))));
}

describe.skipIf(!hasCorpus)('corpus: windows-registry/xp-Uninstall.reg', () => {
  const keys = hasCorpus ? loadCorpus('xp-Uninstall.reg') : [];
  // Direct subkeys only: PDFCreator's key has a `CustomMessages` subkey, which is not a program.
  const entries = keys.filter((k) => k.path.startsWith(`${UNINSTALL}\\`) && !k.path.slice(UNINSTALL.length + 1).includes('\\'));
  const named = entries.filter((k) => rawString(k, 'DisplayName'));

  it('parses 536 keys, 419 with a DisplayName value', () => {
    expect(keys).toHaveLength(536);
    expect(entries).toHaveLength(534); // minus the Uninstall key itself and one grandchild
    expect(keys.filter((k) => k.values.has('DisplayName'))).toHaveLength(419);
    // One of the 419 is empty (an Office patch, also under ParentKeyName): Windows does not list it.
    expect(named).toHaveLength(418);
    // hex(2) and hex(7) values decode to text: spot-check one of each.
    const office = keys.find((k) => keyName(k.path) === '{90140000-0011-0000-0000-0000000FF1CE}')!;
    expect(office.values.get('UninstallString')).toEqual({ type: 'expand', value: 'MsiExec.exe /X{90140000-0011-0000-0000-0000000FF1CE}' });
    const withMulti = keys.flatMap((k) => [...k.values.values()]).filter((v) => v.type === 'multi');
    expect(withMulti).toHaveLength(4);
  });

  it('keeps the DisplayName set minus system components, patches and hotfixes', () => {
    const system = named.filter((k) => isDword1(k, 'SystemComponent'));
    const rest1 = named.filter((k) => !system.includes(k));
    const patches = rest1.filter((k) => rawString(k, 'ParentKeyName'));
    const rest2 = rest1.filter((k) => !patches.includes(k));
    const releaseTyped = rest2.filter((k) => rawString(k, 'ReleaseType'));
    const rest3 = rest2.filter((k) => !releaseTyped.includes(k));
    const kbKeys = rest3.filter((k) => /^KB\d+$/.test(keyName(k.path)));
    const expected = rest3.filter((k) => !kbKeys.includes(k));

    // Known shape of this machine: 57 hidden components, 297 patches of a parent (Office and .NET
    // updates, XP hotfixes), 2 release-typed updates without a parent (KB968930 "Software Update",
    // KB969084 "Hotfix"), 2 update.exe hotfix keys (KB892130 WGA, KB943729).
    expect([system.length, patches.length, releaseTyped.length, kbKeys.length, expected.length]).toEqual([57, 297, 2, 2, 60]);
    expect(releaseTyped.map((k) => keyName(k.path)).sort()).toEqual(['KB968930', 'KB969084']);
    expect(kbKeys.map((k) => keyName(k.path)).sort()).toEqual(['KB892130', 'KB943729']);

    const reasons = new Map<ExcludedReason, number>();
    const software = uninstallEntriesToSoftware(keys, { arch: 'x86', onExcluded: (_k, r) => reasons.set(r, (reasons.get(r) ?? 0) + 1) });
    expect(software.map((s) => s.packageId).sort()).toEqual(expected.map((k) => keyName(k.path)).sort());
    expect(software.map((s) => s.name).sort()).toEqual(expected.map((k) => rawString(k, 'DisplayName')).sort());
    expect(Object.fromEntries(reasons)).toEqual({
      'no-display-name': entries.length - 418,
      'system-component': 57,
      'parent-key': 297,
      'release-type': 2,
      'hotfix-name': 2,
    });
    expectValidSoftware(software);
  });

  it('maps known entries', () => {
    const software = uninstallEntriesToSoftware(keys, { arch: 'x86' });
    const get = (id: string) => software.find((s) => s.packageId === id);
    expect(get('{26A24AE4-039D-4CA4-87B4-2F83216031FF}')).toEqual({
      name: 'Java(TM) 6 Update 31',
      version: '6.0.310',
      publisher: 'Oracle',
      arch: 'x86',
      installDate: '2012-02-20',
      source: 'msi',
      packageId: '{26A24AE4-039D-4CA4-87B4-2F83216031FF}',
    });
    expect(get('Office14.PROPLUS')).toMatchObject({ name: 'Microsoft Office Professional Plus 2010', version: '14.0.6029.1000', source: 'registry' });
    expect(get('FusionInventory Agent')).toMatchObject({ version: '2.2.0-2', publisher: 'FusionInventory Team' });
    // A real product that carries a KB number in its name stays listed.
    expect(get('{86493ADD-824D-4B8E-BD72-8C5DCDC52A71}')?.name).toBe('MSXML 4.0 SP2 (KB954430)');
    // Its updates do not: ParentKeyName / SystemComponent / KB keys.
    expect(software.some((s) => /^(Security )?Update for|^Hotfix for/.test(s.name))).toBe(false);
    expect(get('KB892130')).toBeUndefined();
  });
});

describe.skipIf(!hasCorpus)('corpus: windows-registry/office_2016_01.reg', () => {
  const keys = hasCorpus ? loadCorpus('office_2016_01.reg') : [];

  it('parses 353 Office keys, none of them an Uninstall entry', () => {
    expect(keys).toHaveLength(353);
    expect(keys.filter((k) => rawString(k, 'DisplayName'))).toHaveLength(0);
    expect(keys.filter((k) => rawString(k, 'ProductName')).length).toBeGreaterThan(0);
    // Not an Uninstall export: nothing is a program, and nothing is mistaken for one.
    expect(uninstallEntriesToSoftware(keys)).toEqual([]);
    expect(keys.every((k) => exclusionReason(k) === 'no-display-name')).toBe(true);
  });
});

describe.skipIf(hasCorpus)('corpus: windows-registry', () => {
  it.skip(CORPUS_MISSING, () => {});
});
