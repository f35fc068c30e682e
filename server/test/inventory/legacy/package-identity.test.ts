import { describe, expect, it } from 'vitest';
import { parseInventoryLenient, type InventoryInput } from '@parc/shared';
import { diffSoftware, incomingSoftware, type StoredInstallation } from '../../../src/inventory/ingest/diff.js';
import { mapFusionXml } from '../../../src/inventory/legacy/fusion-xml.mapper.js';
import { mapOcsXml } from '../../../src/inventory/legacy/ocs-xml.mapper.js';
import { dpkgArch, packageIdentity } from '../../../src/inventory/legacy/package-identity.js';
import { parseXmlSafe } from '../../../src/inventory/legacy/xml.js';

describe('packageIdentity (pure)', () => {
  it("files OCS's ${binary:Package} names as the dpkg package name, its qualifier as the arch", () => {
    expect(packageIdentity('libc6:amd64', 'amd64', 'deb')).toEqual({ name: 'libc6', arch: 'amd64' });
    expect(packageIdentity('libc6:i386', 'i386', 'deb')).toEqual({ name: 'libc6', arch: 'i386' });
    // Older OCS agents send no ARCHITECTURE: the qualifier is the only arch there is.
    expect(packageIdentity('libgcc-s1:arm64', undefined, 'deb')).toEqual({ name: 'libgcc-s1', arch: 'arm64' });
    expect(packageIdentity('bash', 'amd64', 'deb')).toEqual({ name: 'bash', arch: 'amd64' });
    expect(packageIdentity('tzdata', 'all', 'deb')).toEqual({ name: 'tzdata', arch: 'all' });
    expect(packageIdentity('bash', undefined, 'deb')).toEqual({ name: 'bash' });
  });

  it('spells a dpkg package arch the way dpkg does', () => {
    expect(packageIdentity('bash', 'x86_64', 'deb')).toEqual({ name: 'bash', arch: 'amd64' });
    expect(packageIdentity('bash', 'AMD64', 'deb')).toEqual({ name: 'bash', arch: 'amd64' });
    expect(packageIdentity('libc6:aarch64', undefined, 'deb')).toEqual({ name: 'libc6', arch: 'arm64' });
    expect(dpkgArch('i686')).toBe('i386');
    expect(dpkgArch('ppc64le')).toBe('ppc64el');
    expect(dpkgArch('riscv64')).toBe('riscv64');
    expect(dpkgArch(' ')).toBeUndefined();
    expect(dpkgArch(undefined)).toBeUndefined();
  });

  it('leaves other sources alone: a colon or x86_64 means something else there', () => {
    expect(packageIdentity('perl-Digest-SHA', 'x86_64', 'rpm')).toEqual({ name: 'perl-Digest-SHA', arch: 'x86_64' });
    expect(packageIdentity('Microsoft Visual C++ 2019: x64', undefined, 'registry')).toEqual({ name: 'Microsoft Visual C++ 2019: x64' });
    expect(packageIdentity('vim:1', undefined, 'other')).toEqual({ name: 'vim:1' });
  });
});

// What fusioninventory-agent 2.6 and ocsinventory-agent 2.10 send for the same dpkg packages of one
// Debian 12 machine (trimmed to the software entries).
const fusionXml = `<?xml version="1.0" encoding="UTF-8" ?>
<REQUEST><CONTENT>
  <HARDWARE><NAME>vm</NAME><OSNAME>Debian GNU/Linux 12 (bookworm)</OSNAME></HARDWARE>
  <OPERATINGSYSTEM><KERNEL_NAME>linux</KERNEL_NAME><NAME>Debian GNU/Linux</NAME></OPERATINGSYSTEM>
  <SOFTWARES><ARCH>amd64</ARCH><FILESIZE>13313024</FILESIZE><FROM>deb</FROM><NAME>libc6</NAME><PUBLISHER>Debian</PUBLISHER><SYSTEM_CATEGORY>libs</SYSTEM_CATEGORY><VERSION>2.36-9+deb12u14</VERSION></SOFTWARES>
  <SOFTWARES><ARCH>amd64</ARCH><FILESIZE>7335936</FILESIZE><FROM>deb</FROM><NAME>bash</NAME><PUBLISHER>Debian</PUBLISHER><SYSTEM_CATEGORY>shells</SYSTEM_CATEGORY><VERSION>5.2.15-2+b8</VERSION></SOFTWARES>
  <SOFTWARES><ARCH>amd64</ARCH><FROM>deb</FROM><NAME>bsdutils</NAME><PUBLISHER>Debian</PUBLISHER><VERSION>1:2.38.1-5+deb12u3</VERSION></SOFTWARES>
  <SOFTWARES><ARCH>all</ARCH><FROM>deb</FROM><NAME>tzdata</NAME><PUBLISHER>Debian</PUBLISHER><VERSION>2025b-0+deb12u2</VERSION></SOFTWARES>
</CONTENT><DEVICEID>vm-2026-11-28-10-51-23</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>`;

const ocsXml = `<?xml version="1.0" encoding="UTF-8" ?>
<REQUEST><CONTENT>
  <HARDWARE><NAME>vm</NAME><OSNAME>Debian GNU/Linux 12</OSNAME><OSCOMMENTS>#1 SMP</OSCOMMENTS><ARCHNAME>x86_64-linux-gnu-thread-multi</ARCHNAME></HARDWARE>
  <SOFTWARES><ARCHITECTURE>amd64</ARCHITECTURE><COMMENTS>GNU C Library: Shared libraries</COMMENTS><FILESIZE>13313024</FILESIZE><FROM>deb</FROM><INSTALLDATE>2026/04/20 16:27:23</INSTALLDATE><NAME>libc6:amd64</NAME><PUBLISHER>https://www.gnu.org/software/libc/libc.html</PUBLISHER><VERSION>2.36-9+deb12u14</VERSION></SOFTWARES>
  <SOFTWARES><ARCHITECTURE>amd64</ARCHITECTURE><FROM>deb</FROM><INSTALLDATE>2025/04/20 00:00:00</INSTALLDATE><NAME>bash</NAME><PUBLISHER>http://tiswww.case.edu/php/chet/bash/bashtop.html</PUBLISHER><VERSION>5.2.15-2+b8</VERSION></SOFTWARES>
  <SOFTWARES><ARCHITECTURE>amd64</ARCHITECTURE><FROM>deb</FROM><INSTALLDATE>2025/04/20 00:00:00</INSTALLDATE><NAME>bsdutils</NAME><VERSION>1:2.38.1-5+deb12u3</VERSION></SOFTWARES>
  <SOFTWARES><ARCHITECTURE>all</ARCHITECTURE><FROM>deb</FROM><INSTALLDATE>2026/04/09 07:28:50</INSTALLDATE><NAME>tzdata</NAME><PUBLISHER>https://www.iana.org/time-zones</PUBLISHER><VERSION>2025b-0+deb12u2</VERSION></SOFTWARES>
</CONTENT><DEVICEID>vm-2026-11-28-11-28-23</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>`;

const mapped = (r: ReturnType<typeof mapOcsXml>): InventoryInput => {
  if (!r.ok) throw new Error(`mapping refused: ${JSON.stringify(r)}`);
  return r.inventory;
};
const request = (xml: string) => parseXmlSafe(Buffer.from(xml)).REQUEST as Record<string, unknown>;
const incoming = (inv: InventoryInput) => {
  const p = parseInventoryLenient(inv);
  if (!p.ok) throw new Error(p.message);
  return incomingSoftware(p.inventory);
};

describe('FusionInventory and OCS describe a dpkg package alike', () => {
  const fusion = mapped(mapFusionXml(request(fusionXml)));
  const ocs = mapped(mapOcsXml(request(ocsXml)));

  it('maps the same name, arch, source and full version (epoch and revision kept)', () => {
    const identity = (inv: InventoryInput) => inv.software!.map(({ name, arch, source, version }) => ({ name, arch, source, version }));
    expect(identity(ocs)).toEqual(identity(fusion));
    expect(identity(ocs)).toContainEqual({ name: 'libc6', arch: 'amd64', source: 'deb', version: '2.36-9+deb12u14' });
    expect(identity(ocs)).toContainEqual({ name: 'bsdutils', arch: 'amd64', source: 'deb', version: '1:2.38.1-5+deb12u3' });
  });

  it('switching agents is no change to the diff: no software history, nothing added or removed', () => {
    const stored: StoredInstallation[] = incoming(fusion).map((s, i) => ({ ...s, versionId: i + 1 }));
    const d = diffSoftware(stored, incoming(ocs));
    expect(d.history).toEqual([]);
    expect(d.add).toEqual([]);
    expect(d.remove).toEqual([]);
  });
});
