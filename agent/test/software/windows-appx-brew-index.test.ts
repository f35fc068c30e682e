import { describe, expect, it } from 'vitest';
import { cnOf, parseAppxJson } from '../../src/collectors/software/appx.js';
import { ToolMissingError } from '../../src/collectors/software/exec.js';
import { parseBrewInfo } from '../../src/collectors/software/homebrew.js';
import { collectSoftware, runSources, sourcesFor } from '../../src/collectors/software/index.js';
import { expectValidSoftware, fixture } from './helpers.js';

describe('appx', () => {
  const pkgs = parseAppxJson(fixture('appx.json'));
  it('skips frameworks and system packages, maps the rest', () => {
    expect(pkgs).toEqual([
      {
        name: 'Microsoft.WindowsCalculator',
        version: '11.2401.0.0',
        publisher: 'Microsoft Corporation',
        arch: 'x64',
        source: 'appx',
        packageId: 'Microsoft.WindowsCalculator_11.2401.0.0_x64__8wekyb3d8bbwe',
      },
      { name: 'Contoso.LineOfBusiness', version: '2.1.0.0', publisher: 'Contoso, Ltd.', arch: 'arm64', source: 'appx', packageId: 'Contoso.LineOfBusiness_2.1.0.0_arm64__abcdefghijklm' },
      { name: 'Éditeur.Ünïcode', version: '1.0.0.0', publisher: 'O=No Common Name, C=DE', arch: 'neutral', source: 'appx', packageId: 'Editeur.Unicode_1.0.0.0_neutral__zzz' },
    ]);
    expectValidSoftware(pkgs);
  });
  it('accepts a single object, an empty output, a BOM, a Version object', () => {
    const one = parseAppxJson('\uFEFF{"Name":"A.B","Version":{"Major":1,"Minor":2,"Build":3,"Revision":4},"SignatureKind":1}');
    expect(one).toEqual([{ name: 'A.B', version: '1.2.3.4', source: 'appx' }]);
    expect(parseAppxJson('  \r\n')).toEqual([]);
    expect(cnOf('CN=Foo\\, Inc., O=Foo')).toBe('Foo, Inc.');
    expect(cnOf(undefined)).toBeUndefined();
  });
});

describe('homebrew', () => {
  const pkgs = parseBrewInfo(fixture('brew-info.json'));
  it('reads formulae (newest keg) and casks', () => {
    expect(pkgs).toEqual([
      { name: 'git', version: '2.45.0', installDate: new Date(1714550000e3).toISOString(), source: 'homebrew', packageId: 'git' },
      { name: 'openssl@3', version: '3.3.0_1', installDate: new Date(1714000000e3).toISOString(), source: 'homebrew', packageId: 'openssl@3' },
      { name: 'terraform', version: '1.8.2', source: 'homebrew', packageId: 'hashicorp/tap/terraform' },
      { name: 'Mozilla Firefox', version: '125.0.2', installDate: new Date(1713000000e3).toISOString(), source: 'homebrew', packageId: 'firefox' },
      { name: 'visual-studio-code', version: '1.89.0', source: 'homebrew', packageId: 'visual-studio-code' },
    ]);
    expectValidSoftware(pkgs);
  });
});

describe('collectSoftware', () => {
  it('picks the sources of each OS', () => {
    expect(sourcesFor('linux').map((s) => s.name)).toEqual(['dpkg', 'rpm', 'pacman', 'snap', 'flatpak']);
    expect(sourcesFor('darwin').map((s) => s.name)).toEqual(['macos-apps', 'homebrew']);
    expect(sourcesFor('win32').map((s) => s.name)).toEqual(['windows-registry', 'appx']);
    expect(sourcesFor('aix')).toEqual([]);
  });

  it('skips an absent tool quietly, reports a failing source, keeps the others', async () => {
    const res = await runSources([
      { name: 'a', collect: async () => [{ name: 'one', source: 'deb' }] },
      { name: 'missing', collect: async () => Promise.reject(new ToolMissingError('rpm')) },
      { name: 'broken', collect: async () => Promise.reject(new Error('exit 2')) },
      { name: 'b', collect: async () => [{ name: 'two', source: 'snap' }] },
    ]);
    expect(res).toEqual({ software: [{ name: 'one', source: 'deb' }, { name: 'two', source: 'snap' }], errors: ['broken: exit 2'] });
  });

  it.runIf(process.platform === 'linux')('runs on this machine without errors from absent tools', async () => {
    const res = await collectSoftware('linux');
    expect(res.errors).toEqual([]);
    expectValidSoftware(res.software);
  });
});
