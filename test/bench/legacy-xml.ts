import type { InventoryInput } from '@parc/shared';

/**
 * Renders a synthetic inventory as the XML that the OCS Inventory agent (2.10) and FusionInventory
 * (2.6) post, with the same element layout as their real outputs under ../shared/fixtures/peer-agents,
 * so that the benchmark measures XML parsing and mapping on payloads of the same shape and size.
 */

const esc = (v: unknown) => String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function block(tag: string, fields: Record<string, unknown>): string {
  const inner = Object.entries(fields)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `      <${k}>${esc(v)}</${k}>`)
    .join('\n');
  return `    <${tag}>\n${inner}\n    </${tag}>`;
}

const MIB = 2 ** 20;
const shortHost = (h: string) => h.split('.')[0]!;
/** The agents' DEVICEID: host name and the date of the agent's first run. */
export const legacyDeviceId = (inv: InventoryInput) => `${shortHost(inv.hostname)}-2024-02-01-10-11-12`;

/** `<REQUEST>` of an OCS agent's inventory. */
export function ocsXml(inv: InventoryInput): string {
  const hw = inv.hardware ?? {};
  const os = inv.os;
  const parts = [
    block('BIOS', { ASSETTAG: hw.assetTag, BDATE: '05/11/2023', BMANUFACTURER: hw.biosVendor, BVERSION: hw.biosVersion, SMANUFACTURER: hw.manufacturer, SMODEL: hw.model, SSN: hw.serial, TYPE: hw.chassisType }),
    ...(inv.cpus ?? []).map((c) => block('CPUS', { CORES: c.cores, CPUARCH: 'x86_64', LOGICAL_CPUS: c.threads, MANUFACTURER: c.manufacturer, SPEED: c.speedMhz, TYPE: c.model })),
    ...(inv.volumes ?? []).map((v) => block('DRIVES', { FILESYSTEM: v.fsType, FREE: Math.round((v.freeBytes ?? 0) / MIB), TOTAL: Math.round((v.sizeBytes ?? 0) / MIB), TYPE: v.mount, VOLUMN: v.device })),
    block('HARDWARE', {
      ARCHNAME: 'x86_64-linux-gnu-thread-multi',
      MEMORY: Math.round((hw.memoryBytes ?? 0) / MIB),
      NAME: shortHost(inv.hostname),
      OSCOMMENTS: os?.kernel,
      OSNAME: `${os?.name ?? 'Debian GNU/Linux'} ${os?.version ?? ''}`.trim(),
      OSVERSION: os?.kernel,
      UUID: hw.uuid,
      WORKGROUP: 'corp.example',
    }),
    ...(inv.memoryModules ?? []).map((m, i) => block('MEMORIES', { CAPACITY: Math.round((m.sizeBytes ?? 0) / MIB), CAPTION: m.slot, NUMSLOTS: i + 1, SERIALNUMBER: m.serial, SPEED: m.speedMhz, TYPE: m.type })),
    ...(inv.networks ?? []).flatMap((n) => (n.ipv4 ?? []).map((ip) => block('NETWORKS', { DESCRIPTION: n.name, IPADDRESS: ip, MACADDR: n.mac, SPEED: n.speedMbps, VIRTUALDEV: n.virtual ? 1 : 0 }))),
    ...(inv.software ?? []).map((s) => block('SOFTWARES', { ARCHITECTURE: s.arch, FROM: s.source, NAME: s.name, PUBLISHER: s.publisher, VERSION: s.version })),
    ...(inv.storage ?? []).map((d) => block('STORAGES', { DISKSIZE: Math.round((d.sizeBytes ?? 0) / 1e6), MODEL: d.model, NAME: d.name, SERIALNUMBER: d.serial, TYPE: 'disk' })),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<REQUEST>\n  <CONTENT>\n${parts.join('\n')}\n    <VERSIONCLIENT>OCS-NG_unified_unix_agent_v2.10.0</VERSIONCLIENT>\n  </CONTENT>\n  <DEVICEID>${esc(legacyDeviceId(inv))}</DEVICEID>\n  <QUERY>INVENTORY</QUERY>\n</REQUEST>\n`;
}

/** `<REQUEST>` of a FusionInventory agent's inventory (GLPI's legacy XML format). */
export function fusionXml(inv: InventoryInput): string {
  const hw = inv.hardware ?? {};
  const os = inv.os;
  const parts = [
    block('BIOS', { BDATE: '05/11/2023', BMANUFACTURER: hw.biosVendor, BVERSION: hw.biosVersion, SMANUFACTURER: hw.manufacturer, SMODEL: hw.model, SSN: hw.serial }),
    ...(inv.cpus ?? []).map((c) => block('CPUS', { CORE: c.cores, MANUFACTURER: c.manufacturer, NAME: c.model, SPEED: c.speedMhz, THREAD: c.threads })),
    ...(inv.volumes ?? []).map((v) => block('DRIVES', { FILESYSTEM: v.fsType, FREE: Math.round((v.freeBytes ?? 0) / MIB), TOTAL: Math.round((v.sizeBytes ?? 0) / MIB), TYPE: v.mount, VOLUMN: v.device })),
    block('HARDWARE', { CHASSIS_TYPE: hw.chassisType, MEMORY: Math.round((hw.memoryBytes ?? 0) / MIB), NAME: shortHost(inv.hostname), UUID: hw.uuid, VMSYSTEM: 'Physical' }),
    ...(inv.memoryModules ?? []).map((m, i) => block('MEMORIES', { CAPACITY: Math.round((m.sizeBytes ?? 0) / MIB), CAPTION: m.slot, NUMSLOTS: i + 1, SERIALNUMBER: m.serial, SPEED: m.speedMhz, TYPE: m.type })),
    ...(inv.networks ?? []).map((n) => block('NETWORKS', { DESCRIPTION: n.name, IPADDRESS: n.ipv4?.[0], MACADDR: n.mac, SPEED: n.speedMbps, VIRTUALDEV: n.virtual ? 1 : 0 })),
    block('OPERATINGSYSTEM', { ARCH: 'x86_64', FULL_NAME: `${os?.name ?? 'Debian GNU/Linux'} ${os?.version ?? ''}`.trim(), KERNEL_NAME: 'linux', KERNEL_VERSION: os?.kernel, NAME: os?.name, VERSION: os?.version }),
    ...(inv.software ?? []).map((s) => block('SOFTWARES', { ARCH: s.arch, FROM: s.source, NAME: s.name, PUBLISHER: s.publisher, VERSION: s.version })),
    ...(inv.storage ?? []).map((d) => block('STORAGES', { DISKSIZE: Math.round((d.sizeBytes ?? 0) / 1e6), MODEL: d.model, NAME: d.name, SERIALNUMBER: d.serial, TYPE: 'disk' })),
  ];
  return `<?xml version="1.0" encoding="UTF-8" ?>\n<REQUEST>\n  <CONTENT>\n${parts.join('\n')}\n    <VERSIONCLIENT>FusionInventory-Agent_v2.6</VERSIONCLIENT>\n  </CONTENT>\n  <DEVICEID>${esc(legacyDeviceId(inv))}</DEVICEID>\n  <QUERY>INVENTORY</QUERY>\n</REQUEST>\n`;
}
