import { describe, expect, it } from 'vitest';
import { parseInventoryLenient } from '@parc/shared';
import { MIB, Warnings, bytesOf, parseLooseDate, platformOf, speedMbps } from '../../../src/inventory/legacy/convert.js';
import { mapFusionXml } from '../../../src/inventory/legacy/fusion-xml.mapper.js';
import { mapGlpiJson } from '../../../src/inventory/legacy/glpi-json.mapper.js';
import { mapOcsXml } from '../../../src/inventory/legacy/ocs-xml.mapper.js';
import { parseXmlSafe } from '../../../src/inventory/legacy/xml.js';
import { localGlpi, xmlBlocks, xmlField } from './fixtures.js';

const ok = <T extends { ok: boolean }>(r: T) => {
  if (!r.ok) throw new Error(`mapping refused: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
};

describe('value conversions', () => {
  it('parses the date forms peer agents print', () => {
    expect(parseLooseDate('2019-12-19')).toBe('2019-12-19T00:00:00.000Z');
    expect(parseLooseDate('2025/04/20 14:37:46')).toBe('2025-04-20T14:37:46.000Z');
    expect(parseLooseDate('07/25/2014', 'mdy')).toBe('2014-07-25T00:00:00.000Z');
    expect(parseLooseDate('07/25/2014', 'dmy')).toBe('2014-07-25T00:00:00.000Z'); // 25 cannot be a month
    expect(parseLooseDate('13/06/2016', 'mdy')).toBe('2016-06-13T00:00:00.000Z');
    expect(parseLooseDate('08/06/2017', 'dmy')).toBe('2017-06-08T00:00:00.000Z');
    expect(parseLooseDate('08/06/2017', 'mdy')).toBe('2017-08-06T00:00:00.000Z');
    expect(parseLooseDate('20170608')).toBe('2017-06-08T00:00:00.000Z');
    expect(parseLooseDate('Jun 8 2017')).toBe('2017-06-08T00:00:00.000Z');
    expect(parseLooseDate('2020-06-12 14:19:54', 'dmy', 120)).toBe('2020-06-12T12:19:54.000Z');
    expect(parseLooseDate(1_500_000_000)).toBe('2017-07-14T02:40:00.000Z');
    for (const junk of ['N/A', '1970-00-01', '00/00/0000', '31/02/2020', 'yesterday', '', 0]) expect(parseLooseDate(junk)).toBeUndefined();
  });

  it('converts sizes and speeds, dropping junk with a warning', () => {
    const w = new Warnings();
    expect(bytesOf(4096, MIB, 'm', w)).toBe(4 * 1024 ** 3);
    expect(bytesOf('274877.906944', 1e6, 'd', w)).toBe(274_877_906_944);
    expect(bytesOf(0, MIB, 'z', w)).toBeUndefined();
    expect(bytesOf('lots', MIB, 'x', w)).toBeUndefined();
    expect(speedMbps('1 Gbps', 's', w)).toBe(1000);
    expect(speedMbps('100 Mb/s', 's', w)).toBe(100);
    expect(speedMbps('-1', 's', w)).toBeUndefined();
    expect(w.list).toEqual([{ path: 'x', message: 'dropped: "lots" is not a number' }]);
  });

  it('recognises platforms', () => {
    expect(platformOf('linux')).toBe('linux');
    expect(platformOf(undefined, 'Microsoft Windows 10 Pro')).toBe('windows');
    expect(platformOf('darwin')).toBe('darwin');
    expect(platformOf('MacOSX')).toBe('darwin');
    expect(platformOf('plan9')).toBeUndefined();
  });
});

describe('GLPI Agent JSON', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a fixture read as loosely typed JSON
  const doc = JSON.parse(localGlpi('computer_1.json').toString()) as { content: Record<string, any>; deviceid: string };

  it('maps computer_1 with units converted', () => {
    const r = ok(mapGlpiJson(doc));
    const inv = r.inventory;
    expect(r.deviceId).toBe(`glpi:${doc.deviceid}`);
    expect(inv.hostname).toBe(doc.content.hardware.name);
    expect(inv.hardware).toMatchObject({ serial: doc.content.bios.ssn, uuid: doc.content.hardware.uuid, model: doc.content.bios.smodel, biosDate: '2016-02-06T00:00:00.000Z' });
    expect(inv.os).toMatchObject({ platform: 'linux', name: doc.content.operatingsystem.full_name, kernel: doc.content.operatingsystem.kernel_version });
    expect(inv.memoryModules!.map((m) => m.sizeBytes)).toEqual(doc.content.memories.map((m: { capacity: number }) => m.capacity * MIB));
    expect(inv.storage![0]!.sizeBytes).toBe(doc.content.storages[0].disksize * 1e6);
    expect(inv.volumes!.find((v) => v.mount === '/')).toMatchObject({ encrypted: true, sizeBytes: 40189 * MIB });
    // One GLPI entry per address, one Parc interface per name.
    const lo = inv.networks!.find((n) => n.name === 'lo')!;
    expect(lo).toMatchObject({ ipv4: ['127.0.0.1'], ipv6: ['::1'], virtual: true });
    expect(lo.mac).toBeUndefined(); // 00:00:00:00:00:00 is no address
    expect(new Set(inv.networks!.map((n) => n.name)).size).toBe(inv.networks!.length);
    expect(inv.software).toHaveLength(doc.content.softwares.length);
    expect(inv.batteries![0]).toMatchObject({ designCapacityMwh: 57570, fullChargeCapacityMwh: 50570 });
    // The printer's serial is what links it as an asset of its own.
    expect(inv.printers).toEqual([{ name: 'Officejet_Pro_8600_34AF9E_', driver: 'HP Officejet Pro 8600', serial: 'MY47L1W1JHEB6' }]);
    expect(inv.sections).toBeUndefined();
    expect(parseInventoryLenient(inv)).toMatchObject({ ok: true, warnings: [] });
  });

  it('marks partial inventories with the sections they carry', () => {
    const mem = ok(mapGlpiJson(JSON.parse(localGlpi('computer_1_partial_memory.json').toString())));
    expect(mem.inventory.sections!.sort()).toEqual(['hardware', 'memoryModules']);
    expect(mem.inventory.software).toBeUndefined();
    const softs = ok(mapGlpiJson(JSON.parse(localGlpi('computer_1_partial_softs.json').toString())));
    expect(softs.inventory.sections!.sort()).toEqual(['hardware', 'os', 'software']);
  });

  it('refuses other item types and malformed requests with a message', () => {
    expect(mapGlpiJson({ ...doc, itemtype: 'NetworkEquipment' })).toMatchObject({ ok: false, code: 'unsupported_itemtype', message: expect.stringContaining('NetworkEquipment') });
    expect(mapGlpiJson({ ...doc, itemtype: 'Printer' })).toMatchObject({ ok: false, code: 'unsupported_itemtype' });
    expect(mapGlpiJson({ deviceid: 'x', content: { network_device: { type: 'switch' } } })).toMatchObject({ ok: false, code: 'unsupported_itemtype' });
    expect(mapGlpiJson([])).toMatchObject({ ok: false, field: '(body)' });
    expect(mapGlpiJson({ content: {} })).toMatchObject({ ok: false, field: 'deviceid' });
    expect(mapGlpiJson({ deviceid: 'x' })).toMatchObject({ ok: false, field: 'content' });
  });

  it('drops junk values with warnings and keeps the rest', () => {
    const r = ok(
      mapGlpiJson({
        deviceid: 'ws-1-2020-01-01-00-00-00',
        content: {
          bios: { ssn: 'ABC', bdate: 'not a date' },
          memories: [{ capacity: 'lots' }, { capacity: 2048, speed: '2400 MT/s' }],
          softwares: [{ name: '' }, { name: 'vim', install_date: '99/99/2020' }],
          operatingsystem: { kernel_name: 'linux' },
        },
      }),
    );
    expect(r.inventory.hostname).toBe('ws-1');
    expect(r.inventory.memoryModules).toEqual([{ sizeBytes: 2048 * MIB, speedMhz: 2400 }]);
    expect(r.inventory.software).toEqual([{ name: 'vim', source: 'other' }]);
    expect(r.warnings.map((w) => w.path).sort()).toEqual(['content.bios.bdate', 'content.memories[0].capacity', 'content.softwares[0]', 'content.softwares[1].install_date']);
  });
});

describe('FusionInventory XML', () => {
  it('maps 1.xml: dmidecode BIOS date month first, software dates day first', () => {
    const xml = localGlpi('1.xml').toString();
    const r = ok(mapFusionXml(parseXmlSafe(Buffer.from(xml)).REQUEST as Record<string, unknown>));
    expect(r.deviceId).toBe(`glpi:${xmlField(xml, 'REQUEST', 'DEVICEID')}`);
    expect(r.inventory.hardware).toMatchObject({ serial: xmlField(xml, 'BIOS', 'SSN'), uuid: xmlField(xml, 'HARDWARE', 'UUID'), biosDate: '2014-07-25T00:00:00.000Z' });
    const php = r.inventory.software!.find((s) => s.name === 'php71-php-process')!;
    expect(php).toMatchObject({ installDate: '2017-06-08T00:00:00.000Z', source: 'rpm', arch: 'x86_64' });
    expect(r.inventory.software).toHaveLength(xmlBlocks(xml, 'SOFTWARES').length);
    // Empty memory slots are not modules.
    expect(r.inventory.memoryModules).toHaveLength(xmlBlocks(xml, 'MEMORIES').filter((m) => Number(m.CAPACITY) > 0).length);
    expect(r.inventory.printers).toEqual(xmlBlocks(xml, 'PRINTERS').map((pr) => ({ name: pr.NAME, driver: pr.DRIVER, port: pr.PORT })));
    expect(r.inventory.printers).toHaveLength(1);
  });

  it('refuses SNMP device inventories', () => {
    const req = { DEVICEID: 'x', QUERY: 'INVENTORY', CONTENT: { DEVICE: { INFO: { TYPE: 'PRINTER' } } } };
    expect(mapFusionXml(req)).toMatchObject({ ok: false, code: 'unsupported_itemtype' });
  });
});

describe('OCS Inventory XML', () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<REQUEST><CONTENT>
  <HARDWARE><NAME>PC-COMPTA</NAME><OSNAME>Microsoft Windows 10 Professionnel</OSNAME><OSVERSION>10.0.19045</OSVERSION>
    <UUID>4C4C4544-0042-3510-8051-B4C04F4B4E32</UUID><ARCH>64-bit</ARCH><USERID>marie</USERID><INSTALLDATE>2021-03-04 10:11:12</INSTALLDATE></HARDWARE>
  <BIOS><SMANUFACTURER>Dell Inc.</SMANUFACTURER><SMODEL>OptiPlex 7070</SMODEL><SSN>B5QKN42</SSN><TYPE>Desktop</TYPE>
    <BMANUFACTURER>Dell Inc.</BMANUFACTURER><BVERSION>1.10.0</BVERSION><BDATE>03/12/2021</BDATE></BIOS>
  <CPUS><TYPE>Intel(R) Core(TM) i5-9500 CPU @ 3.00GHz</TYPE><MANUFACTURER>Intel</MANUFACTURER><CORES>6</CORES><LOGICAL_CPUS>6</LOGICAL_CPUS><SPEED>3000</SPEED></CPUS>
  <MEMORIES><CAPACITY>8192</CAPACITY><NUMSLOTS>1</NUMSLOTS><TYPE>DDR4</TYPE><SPEED>2666</SPEED></MEMORIES>
  <MEMORIES><CAPACITY>0</CAPACITY><NUMSLOTS>2</NUMSLOTS></MEMORIES>
  <STORAGES><NAME>\\\\.\\PHYSICALDRIVE0</NAME><MODEL>SAMSUNG MZVLB256</MODEL><DISKSIZE>256060</DISKSIZE><SERIALNUMBER>S4EUNX0M</SERIALNUMBER></STORAGES>
  <DRIVES><LETTER>C:</LETTER><TYPE>Hard Drive</TYPE><FILESYSTEM>NTFS</FILESYSTEM><TOTAL>243474</TOTAL><FREE>120000</FREE></DRIVES>
  <NETWORKS><DESCRIPTION>Intel(R) Ethernet I219-LM</DESCRIPTION><MACADDR>D8:9E:F3:11:22:33</MACADDR><IPADDRESS>10.1.2.3</IPADDRESS><SPEED>1 Gbps</SPEED></NETWORKS>
  <NETWORKS><DESCRIPTION>Intel(R) Ethernet I219-LM</DESCRIPTION><MACADDR>D8:9E:F3:11:22:33</MACADDR><IPADDRESS>fe80::1</IPADDRESS></NETWORKS>
  <VIDEOS><NAME>Intel UHD 630</NAME><MEMORY>1024</MEMORY></VIDEOS>
  <PRINTERS><NAME>HP LaserJet M404 (Compta)</NAME><DRIVER>HP LaserJet Pro M404-M405 PCL 6</DRIVER><PORT>IP_10.1.2.50</PORT><SERIAL>PHBQB12345</SERIAL><NETWORK>1</NETWORK><SHARED>0</SHARED></PRINTERS>
  <PRINTERS><NAME>Microsoft Print to PDF</NAME><DRIVER>Microsoft Print To PDF</DRIVER><PORT>PORTPROMPT:</PORT><NETWORK>0</NETWORK></PRINTERS>
  <PRINTERS><DRIVER>nameless</DRIVER></PRINTERS>
  <SOFTWARES><NAME>Mozilla Firefox (x64 fr)</NAME><VERSION>128.0</VERSION><PUBLISHER>Mozilla &amp; co</PUBLISHER><INSTALLDATE>15/07/2024</INSTALLDATE><FROM>registry</FROM><GUID>Mozilla Firefox 128.0 (x64 fr)</GUID></SOFTWARES>
  <SOFTWARES><NAME>7-Zip</NAME><VERSION>23.01</VERSION><INSTALLDATE>N/A</INSTALLDATE></SOFTWARES>
</CONTENT><DEVICEID>PC-COMPTA-2021-03-04-10-11-12</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>`;

  it('maps a Windows OCS inventory', () => {
    const r = ok(mapOcsXml(parseXmlSafe(Buffer.from(xml)).REQUEST as Record<string, unknown>));
    const inv = r.inventory;
    expect(r.deviceId).toBe('ocs:PC-COMPTA-2021-03-04-10-11-12');
    expect(inv.hostname).toBe('PC-COMPTA');
    expect(inv.hardware).toMatchObject({ serial: 'B5QKN42', uuid: '4C4C4544-0042-3510-8051-B4C04F4B4E32', model: 'OptiPlex 7070', chassisType: 'Desktop', biosDate: '2021-03-12T00:00:00.000Z' });
    expect(inv.os).toMatchObject({ platform: 'windows', version: '10.0.19045', installDate: '2021-03-04T10:11:12.000Z' });
    expect(inv.cpus).toEqual([{ model: 'Intel(R) Core(TM) i5-9500 CPU @ 3.00GHz', manufacturer: 'Intel', cores: 6, threads: 6, speedMhz: 3000 }]);
    expect(inv.memoryModules).toEqual([{ slot: '1', sizeBytes: 8 * 1024 ** 3, type: 'DDR4', speedMhz: 2666 }]);
    expect(inv.storage![0]).toMatchObject({ sizeBytes: 256_060_000_000, serial: 'S4EUNX0M' });
    expect(inv.volumes).toEqual([{ mount: 'C:', fsType: 'NTFS', sizeBytes: 243474 * MIB, freeBytes: 120000 * MIB }]);
    expect(inv.networks).toEqual([{ name: 'Intel(R) Ethernet I219-LM', mac: 'd8:9e:f3:11:22:33', ipv4: ['10.1.2.3'], ipv6: ['fe80::1'], virtual: false, speedMbps: 1000 }]);
    expect(inv.graphics).toEqual([{ model: 'Intel UHD 630', vramBytes: 1024 * MIB }]);
    expect(inv.users).toEqual([{ username: 'marie', type: 'last' }]);
    expect(inv.printers).toEqual([
      { name: 'HP LaserJet M404 (Compta)', driver: 'HP LaserJet Pro M404-M405 PCL 6', serial: 'PHBQB12345', port: 'IP_10.1.2.50', network: true, shared: false },
      { name: 'Microsoft Print to PDF', driver: 'Microsoft Print To PDF', port: 'PORTPROMPT:', network: false },
    ]);
    expect(inv.software).toEqual([
      { name: 'Mozilla Firefox (x64 fr)', version: '128.0', publisher: 'Mozilla & co', installDate: '2024-07-15T00:00:00.000Z', source: 'registry', packageId: 'Mozilla Firefox 128.0 (x64 fr)' },
      { name: '7-Zip', version: '23.01', source: 'other' },
    ]);
    expect(r.warnings).toEqual([{ path: 'REQUEST.CONTENT.PRINTERS[2]', message: 'dropped: printer without a name' }]);
    expect(parseInventoryLenient(inv)).toMatchObject({ ok: true, warnings: [] });
  });

  it('needs a DEVICEID', () => {
    expect(mapOcsXml({ QUERY: 'INVENTORY', CONTENT: {} })).toMatchObject({ ok: false, field: 'REQUEST.DEVICEID' });
  });
});
