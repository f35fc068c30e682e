import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { collectDpkg, DPKG_ARGS, parseDpkgQuery, stripEmail } from '../../src/collectors/software/dpkg.js';
import { parseFlatpakList } from '../../src/collectors/software/flatpak.js';
import { parsePacmanDate, parsePacmanQi } from '../../src/collectors/software/pacman.js';
import { parseRpmQuery } from '../../src/collectors/software/rpm.js';
import { parseSnapList } from '../../src/collectors/software/snap.js';
import { expectValidSoftware, fixture } from './helpers.js';

describe('dpkg', () => {
  const pkgs = parseDpkgQuery(fixture('dpkg-query.txt'));

  it('keeps only installed packages, multi-arch twice', () => {
    expect(pkgs.map((p) => `${p.name}:${p.arch}`)).toEqual(['adduser:all', 'libc6:amd64', 'libc6:i386', 'vim:amd64', 'fonts-noto-cjk:all', 'no-maint:amd64']);
    expect(pkgs.map((p) => p.binaryPackage)).toContain('libc6:i386');
  });

  it('maps version (epoch kept), publisher without emails', () => {
    expect(pkgs.find((p) => p.name === 'vim')).toMatchObject({ version: '2:9.0.1378-2', publisher: 'Debian Vim Maintainers', source: 'deb', packageId: 'vim' });
    expect(pkgs.find((p) => p.name === 'fonts-noto-cjk')?.publisher).toBe('Debian Fonts Task Force, Jörg Müller');
    expect(pkgs.find((p) => p.name === 'no-maint')).not.toHaveProperty('publisher');
    expect(stripEmail('<only@example.org>')).toBe('only@example.org');
    expectValidSoftware(pkgs.map(({ binaryPackage: _b, ...s }) => s));
  });

  let hasDpkg = true;
  try {
    execFileSync('dpkg-query', ['--version'], { stdio: 'ignore' });
  } catch {
    hasDpkg = false;
  }

  describe.skipIf(!hasDpkg)('on this machine (dpkg-query present)', () => {
    it('lists exactly the packages dpkg-query shows as installed, with install dates', async () => {
      const reference = execFileSync('dpkg-query', ['-W', '-f=${db:Status-Status} ${Package}\\n'], { encoding: 'utf8', maxBuffer: 64 << 20 })
        .split('\n')
        .map((l) => l.split(' '))
        .filter(([status]) => status === 'installed')
        .map(([, name]) => name);
      const started = Date.now();
      const ours = await collectDpkg();
      const elapsed = Date.now() - started;
      expect(new Set(ours.map((p) => p.name))).toEqual(new Set(reference));
      expect(ours.length).toBeGreaterThanOrEqual(new Set(reference).size);
      expect(ours.every((p) => p.source === 'deb' && p.arch && p.version)).toBe(true);
      // Every installed package has a .list file, so every one gets a date.
      expect(ours.filter((p) => !p.installDate).map((p) => p.name)).toEqual([]);
      expect(elapsed).toBeLessThan(15_000);
      expectValidSoftware(ours);
      // Same query, same parse: the args the runner uses are the ones this test exercised.
      expect(DPKG_ARGS[0]).toBe('-W');
    });
  });
});

describe('rpm', () => {
  const pkgs = parseRpmQuery(fixture('rpm-qa.txt'));
  it('skips gpg-pubkey, adds the epoch only when set, converts install time', () => {
    expect(pkgs.map((p) => p.name)).toEqual(['bash', 'perl-Time-HiRes', 'glibc', 'local-build', 'libréoffice-core']);
    expect(pkgs[0]).toEqual({
      name: 'bash',
      version: '5.2.26-1.fc40',
      publisher: 'Fedora Project',
      arch: 'x86_64',
      installDate: new Date(1714550000 * 1000).toISOString(),
      source: 'rpm',
      packageId: 'bash',
    });
    expect(pkgs[1]?.version).toBe('4:1.9775-502.fc40');
    expect(pkgs[2]?.version).toBe('2.39-4.fc40'); // epoch 0 is the same as none
    expect(pkgs[3]).toEqual({ name: 'local-build', version: '1.0', arch: 'noarch', source: 'rpm', packageId: 'local-build' });
    expect(pkgs[4]?.version).toBe('1:24.2.2.2-1.fc40');
    expectValidSoftware(pkgs);
  });
});

describe('pacman', () => {
  const pkgs = parsePacmanQi(fixture('pacman-qi.txt'));
  it('reads every block, wrapped fields included', () => {
    expect(pkgs).toEqual([
      { name: 'bash', version: '5.2.026-2', publisher: 'Levente Polyak', arch: 'x86_64', installDate: '2024-03-05T14:11:12.000Z', source: 'pacman', packageId: 'bash' },
      { name: 'linux-firmware', version: '20240312.3b128b60-1', publisher: 'Thomas Bächler', arch: 'any', installDate: '2024-03-04T09:05:01.000Z', source: 'pacman', packageId: 'linux-firmware' },
      { name: 'yay', version: '12.3.5-1', arch: 'x86_64', installDate: '2024-04-10T00:30:00.000Z', source: 'pacman', packageId: 'yay' },
    ]);
    expectValidSoftware(pkgs);
  });
  it('parses both C-locale date forms, rejects others', () => {
    expect(parsePacmanDate('Sat 01 Jun 2024 12:00:00 PM UTC')).toBe('2024-06-01T12:00:00.000Z');
    expect(parsePacmanDate('Sat Jun  1 23:59:59 2024')).toBe('2024-06-01T23:59:59.000Z');
    expect(parsePacmanDate('sam. 01 juin 2024 12:00:00')).toBeUndefined();
    expect(parsePacmanDate(undefined)).toBeUndefined();
  });
});

describe('snap', () => {
  const snaps = parseSnapList(fixture('snap-list.txt'));
  it('reads the table, strips publisher marks, skips disabled revisions', () => {
    expect(snaps.map((s) => [s.name, s.version, s.publisher])).toEqual([
      ['bare', '1.0', 'canonical'],
      ['core22', '20240408', 'canonical'],
      ['firefox', '125.0.3-1', 'mozilla'],
      ['code', 'b58957e7', 'vscode'],
      ['my-app', '0.1', undefined],
      ['obs-studio', '30.1.2', 'snapcrafters'],
    ]);
    expect(snaps[2]).toEqual({ name: 'firefox', version: '125.0.3-1', publisher: 'mozilla', source: 'snap', packageId: 'firefox' });
    expect(parseSnapList('No snaps are installed yet.\n')).toEqual([]);
    expectValidSoftware(snaps);
  });
});

describe('flatpak', () => {
  const apps = parseFlatpakList(fixture('flatpak-list.txt'));
  it('reads tab-separated columns and the old ref form', () => {
    expect(apps).toEqual([
      { name: 'Firefox', version: '125.0.3', arch: 'x86_64', source: 'flatpak', packageId: 'org.mozilla.firefox' },
      { name: 'Flatseal', version: '2.2.0', arch: 'x86_64', source: 'flatpak', packageId: 'com.github.tchx84.Flatseal' },
      { name: 'Épiphanie', arch: 'aarch64', source: 'flatpak', packageId: 'org.gnome.Épiphanie' },
      { name: 'org.example.OldStyle', arch: 'x86_64', source: 'flatpak', packageId: 'org.example.OldStyle' },
    ]);
    expectValidSoftware(apps);
  });
});
