import type { InventoryInput, InventorySection, ParseWarning } from '@parc/shared';
import {
  MB,
  MIB,
  Warnings,
  arr,
  bytesOf,
  dateField,
  defined,
  flag,
  int,
  speedMbps,
  obj,
  offsetMinutesOf,
  parseLooseDate,
  platformOf,
  softwareSourceOf,
  str,
} from './convert.js';
import { packageIdentity } from './package-identity.js';

/**
 * Maps the CONTENT of a GLPI Agent / FusionInventory inventory (the GLPI inventory format: JSON keys,
 * or the legacy XML tags lower-cased) into Parc's inventory contract. Pure.
 *
 * Units, as those agents report them: memory module CAPACITY and partition TOTAL/FREE in MiB, disk
 * DISKSIZE in decimal MB (a 256 GB disk is 256060), video MEMORY in MiB, battery capacities in mWh.
 */

export type LegacyMapResult =
  | { ok: true; inventory: InventoryInput; warnings: ParseWarning[]; deviceId: string }
  | { ok: false; code: 'unsupported_itemtype' | 'invalid_inventory'; message: string; field?: string };

/** Which Parc section each GLPI content key describes, for partial inventories. */
const SECTION_OF: Record<string, InventorySection> = {
  bios: 'hardware',
  hardware: 'hardware',
  operatingsystem: 'os',
  cpus: 'cpus',
  memories: 'memoryModules',
  storages: 'storage',
  drives: 'volumes',
  networks: 'networks',
  videos: 'graphics',
  monitors: 'monitors',
  printers: 'printers',
  batteries: 'batteries',
  users: 'users',
  softwares: 'software',
};

/** The agent's device id without the creation date it appends (`glpixps-2018-07-09-09-07-13`). */
export function hostFromDeviceId(deviceId: string): string {
  return deviceId.replace(/^(glpi|ocs):/, '').replace(/-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}$/, '');
}

/** A stable Parc agent id for a peer agent: its own device id, namespaced by protocol family. */
export function legacyAgentId(prefix: 'glpi' | 'ocs', deviceId: string): string {
  return `${prefix}:${deviceId.trim().slice(0, 120)}`;
}

export interface GlpiContentOptions {
  deviceId: string;
  /** `partial: true`: only the sections present in CONTENT are replaced. */
  partial: boolean;
  /** Where CONTENT sits in the request, for warning paths (`content` or `CONTENT`). */
  path: string;
}

/** Network interfaces from GLPI/OCS NETWORKS entries (shared with the OCS mapper). */
export function mapNetworks(list: Record<string, unknown>[], w: Warnings, path: string) {
  // GLPI lists one entry per address: group them back into interfaces.
  const byName = new Map<string, { name: string; mac?: string; ipv4: string[]; ipv6: string[]; virtual: boolean; speedMbps?: number; type?: string }>();
  list.forEach((n, i) => {
    const name = str(n.description) ?? str(n.name);
    if (!name) {
      w.add(`${path}[${i}]`, 'dropped: network interface without a name');
      return;
    }
    let nic = byName.get(name);
    if (!nic) byName.set(name, (nic = { name, ipv4: [], ipv6: [], virtual: false }));
    const mac = str(n.macaddr) ?? str(n.mac);
    if (mac && !/^(00[:-]){5}00$/.test(mac)) nic.mac ??= mac.toLowerCase();
    // OCS puts IPv6 addresses in IPADDRESS too: the colon tells them apart.
    for (const ip of `${str(n.ipaddress) ?? ''} ${str(n.ipaddress6) ?? ''}`.split(/[\s,]+/).filter(Boolean)) {
      const list = ip.includes(':') ? nic.ipv6 : nic.ipv4;
      if (!list.includes(ip)) list.push(ip);
    }
    if (flag(n.virtualdev)) nic.virtual = true;
    const type = str(n.type);
    if (type) nic.type ??= type;
    // SPEED is Mb/s in current agents; others write "1000 Mb/s", "1 Gbps", "0 Mbps".
    const speed = speedMbps(n.speed, `${path}[${i}].speed`, w);
    if (speed !== undefined && speed > 0) nic.speedMbps ??= speed;
  });
  return [...byName.values()].map((n) => defined(n));
}

/**
 * Printers from GLPI/FusionInventory/OCS PRINTERS entries, keys lower-cased (shared with the OCS mapper).
 * Those agents put the model in DRIVER; SERIAL is there when the agent read it from the device.
 */
export function mapPrinters(list: Record<string, unknown>[], w: Warnings, path: string) {
  return list.flatMap((pr, i) => {
    const name = str(pr.name) ?? str(pr.description);
    if (!name) {
      w.add(`${path}[${i}]`, 'dropped: printer without a name');
      return [];
    }
    return [defined({ name, driver: str(pr.driver), serial: str(pr.serial), port: str(pr.port), network: flag(pr.network), shared: flag(pr.shared) })];
  });
}

export function mapGlpiContent(contentIn: Record<string, unknown>, opts: GlpiContentOptions): LegacyMapResult {
  const w = new Warnings();
  const c = contentIn;
  const p = opts.path;
  const bios = obj(c.bios);
  const hw = obj(c.hardware);
  const os = obj(c.operatingsystem);
  const offset = offsetMinutesOf(obj(os.timezone).offset) ?? 0;

  const hostname = str(hw.name) ?? str(os.fqdn)?.split('.')[0] ?? (opts.deviceId ? hostFromDeviceId(opts.deviceId) : undefined);
  if (!hostname) return { ok: false, code: 'invalid_inventory', message: 'inventory names no host: HARDWARE/NAME is missing', field: `${p}.hardware.name` };

  const platform = platformOf(str(os.kernel_name), str(os.name), str(hw.osname), str(hw.archname));
  const inv: InventoryInput = {
    schemaVersion: 1,
    agentId: opts.deviceId,
    collectedAt: parseLooseDate(obj(c.accesslog).logdate, 'dmy', offset) ?? new Date().toISOString(),
    hostname: hostname.slice(0, 255),
    ...(str(c.versionclient) ? { agentVersion: str(c.versionclient)!.slice(0, 64) } : {}),
  };

  const has = (k: string) => c[k] !== undefined;
  if (!opts.partial || has('bios') || has('hardware')) {
    inv.hardware = defined({
      manufacturer: str(bios.smanufacturer) ?? str(bios.mmanufacturer),
      model: str(bios.smodel) ?? str(bios.mmodel),
      serial: str(bios.ssn) ?? str(bios.msn),
      uuid: str(hw.uuid),
      chassisType: str(hw.chassis_type),
      assetTag: str(bios.assettag),
      biosVendor: str(bios.bmanufacturer),
      biosVersion: str(bios.bversion),
      // dmidecode prints BIOS dates month first.
      biosDate: dateField(bios.bdate, `${p}.bios.bdate`, w, 'mdy'),
    });
  }

  if ((!opts.partial || has('operatingsystem')) && platform) {
    inv.os = defined({
      platform,
      name: str(os.full_name) ?? str(os.name) ?? str(hw.osname),
      version: str(os.version) ?? (platform === 'linux' ? undefined : str(hw.osversion)),
      build: str(os.kernel_version) && platform === 'windows' ? str(os.kernel_version) : undefined,
      arch: str(os.arch),
      kernel: str(os.kernel_version) ?? (platform === 'linux' ? str(hw.osversion) : undefined),
      installDate: dateField(os.install_date, `${p}.operatingsystem.install_date`, w, 'dmy', offset),
    });
  } else if (!opts.partial) {
    w.add(`${p}.operatingsystem`, 'no operating system could be recognised; the os section is left empty');
  }

  if (!opts.partial || has('cpus')) {
    inv.cpus = arr(c.cpus).flatMap((cpu, i) => {
      const model = str(cpu.name) ?? str(cpu.type);
      if (!model) {
        w.add(`${p}.cpus[${i}]`, 'dropped: processor without a name');
        return [];
      }
      return [
        defined({
          model,
          manufacturer: str(cpu.manufacturer),
          cores: int(cpu.core, `${p}.cpus[${i}].core`, w),
          threads: int(cpu.thread, `${p}.cpus[${i}].thread`, w),
          speedMhz: int(cpu.speed, `${p}.cpus[${i}].speed`, w),
          arch: str(cpu.arch),
        }),
      ];
    });
  }

  if (!opts.partial || has('memories')) {
    inv.memoryModules = arr(c.memories).flatMap((m, i) => {
      const sizeBytes = bytesOf(m.capacity, MIB, `${p}.memories[${i}].capacity`, w);
      // An empty slot is listed with no capacity: not a module.
      if (sizeBytes === undefined) return [];
      return [
        defined({
          slot: str(m.numslots) ?? str(m.caption),
          sizeBytes,
          type: str(m.type),
          speedMhz: int(m.speed, `${p}.memories[${i}].speed`, w),
          manufacturer: str(m.manufacturer),
          partNumber: str(m.model),
          serial: str(m.serialnumber),
          formFactor: str(m.description),
        }),
      ];
    });
  }

  if (!opts.partial || has('storages')) {
    inv.storage = arr(c.storages).flatMap((d, i) => {
      const name = str(d.name) ?? str(d.model) ?? str(d.description);
      if (!name) {
        w.add(`${p}.storages[${i}]`, 'dropped: disk without a name');
        return [];
      }
      return [
        defined({
          name,
          model: str(d.model),
          vendor: str(d.manufacturer),
          serial: str(d.serialnumber) ?? str(d.serial),
          type: str(d.type),
          interface: str(d.interface) ?? str(d.description),
          sizeBytes: bytesOf(d.disksize, MB, `${p}.storages[${i}].disksize`, w),
          firmware: str(d.firmware),
        }),
      ];
    });
  }

  if (!opts.partial || has('drives')) {
    inv.volumes = arr(c.drives).flatMap((v, i) => {
      // Windows: LETTER is the mount and TYPE a description; Unix: TYPE is the mount point.
      const mount = str(v.letter) ?? str(v.type) ?? str(v.volumn);
      if (!mount) {
        w.add(`${p}.drives[${i}]`, 'dropped: volume without a mount point');
        return [];
      }
      const enc = str(v.encrypt_status)?.toLowerCase();
      return [
        defined({
          mount,
          device: str(v.volumn),
          fsType: str(v.filesystem),
          label: str(v.label),
          sizeBytes: bytesOf(v.total, MIB, `${p}.drives[${i}].total`, w),
          freeBytes: bytesOf(v.free, MIB, `${p}.drives[${i}].free`, w),
          encrypted: enc === undefined ? undefined : enc === 'yes' || enc === 'true' || enc === '1',
        }),
      ];
    });
  }

  if (!opts.partial || has('networks')) inv.networks = mapNetworks(arr(c.networks), w, `${p}.networks`);

  if (!opts.partial || has('videos')) {
    inv.graphics = arr(c.videos).flatMap((g, i) => {
      const model = str(g.name) ?? str(g.chipset);
      if (!model) return [];
      return [defined({ model, vramBytes: bytesOf(g.memory, MIB, `${p}.videos[${i}].memory`, w), driverVersion: str(g.driver_version) })];
    });
  }

  if (!opts.partial || has('monitors')) {
    inv.monitors = arr(c.monitors).flatMap((m) => {
      const out = defined({ vendor: str(m.manufacturer), model: str(m.caption) ?? str(m.name), serial: str(m.serial) });
      return Object.keys(out).length ? [out] : [];
    });
  }

  if (!opts.partial || has('printers')) inv.printers = mapPrinters(arr(c.printers), w, `${p}.printers`);

  if (!opts.partial || has('batteries')) {
    inv.batteries = arr(c.batteries).map((b, i) =>
      defined({
        manufacturer: str(b.manufacturer),
        model: str(b.name) ?? str(b.model),
        serial: str(b.serial),
        chemistry: str(b.chemistry),
        designCapacityMwh: int(b.capacity, `${p}.batteries[${i}].capacity`, w),
        fullChargeCapacityMwh: int(b.real_capacity, `${p}.batteries[${i}].real_capacity`, w),
      }),
    );
  }

  if (!opts.partial || has('users')) {
    const users = arr(c.users).flatMap((u) => {
      const username = str(u.login);
      return username ? [defined({ username, domain: str(u.domain) ?? str(u.logindomain), type: 'logged-in' as 'logged-in' | 'last' })] : [];
    });
    const last = str(hw.lastloggeduser);
    if (users.length === 0 && last) users.push({ username: last, domain: undefined, type: 'last' });
    inv.users = users;
  }

  if (!opts.partial || has('softwares')) {
    inv.software = arr(c.softwares).flatMap((s, i) => {
      const name = str(s.name);
      if (!name) {
        w.add(`${p}.softwares[${i}]`, 'dropped: software without a name');
        return [];
      }
      const source = softwareSourceOf(str(s.from), platform);
      return [
        defined({
          // Same name and arch spelling for a package whichever agent reports it (dpkg: `pkg`, `amd64`).
          ...packageIdentity(name, str(s.arch), source),
          version: str(s.version),
          publisher: str(s.publisher),
          // GLPI Agent writes software dates day first (dd/mm/yyyy) in XML, ISO in JSON.
          installDate: dateField(s.install_date ?? s.installdate, `${p}.softwares[${i}].install_date`, w, 'dmy'),
          source,
          packageId: str(s.guid),
        }),
      ];
    });
  }

  if (opts.partial) {
    const sections = [...new Set(Object.keys(c).flatMap((k) => (SECTION_OF[k] ? [SECTION_OF[k]] : [])))];
    // The OS section needs a recognised platform; without one it is not replaced.
    inv.sections = sections.filter((s) => s !== 'os' || inv.os !== undefined);
  }
  return { ok: true, inventory: inv, warnings: w.list, deviceId: opts.deviceId };
}
