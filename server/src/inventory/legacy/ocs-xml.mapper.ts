import type { InventoryInput } from '@parc/shared';
import { MB, MIB, Warnings, arr, bytesOf, dateField, defined, int, obj, platformOf, softwareSourceOf, str } from './convert.js';
import { legacyAgentId, mapNetworks, mapPrinters, type LegacyMapResult } from './glpi-content.js';
import { packageIdentity } from './package-identity.js';
import { unsupportedItemtype } from './glpi-json.mapper.js';

/**
 * Maps an OCS Inventory agent's XML inventory (`<REQUEST><CONTENT>…</CONTENT><DEVICEID>…</DEVICEID>
 * <QUERY>INVENTORY</QUERY></REQUEST>`, already parsed) into Parc's inventory. Pure.
 *
 * OCS differs from the GLPI format: the OS and UUID sit in HARDWARE, the chassis is BIOS/TYPE, the
 * processor model is CPUS/TYPE, software arch is ARCHITECTURE, dates look like `2025/04/20 00:00:00`.
 * Units: memory and partitions in MiB, disks in decimal MB (`274877.906944` for 256 GiB).
 */
/** OCS writes its tags upper-case; the mappers shared with the GLPI format read them lower-cased. */
const lowerKeys = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));

export function mapOcsXml(request: Record<string, unknown>): LegacyMapResult {
  const w = new Warnings();
  const deviceIdRaw = str(request.DEVICEID);
  if (!deviceIdRaw) return { ok: false, code: 'invalid_inventory', message: 'the request has no DEVICEID', field: 'REQUEST.DEVICEID' };
  const c = obj(request.CONTENT);
  if (c.SNMP !== undefined || c.DEVICE !== undefined) return unsupportedItemtype('SNMP device');
  const hw = obj(c.HARDWARE);
  const bios = obj(c.BIOS);
  const p = 'REQUEST.CONTENT';
  const hostname = str(hw.NAME) ?? deviceIdRaw.replace(/-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}$/, '');
  const platform = platformOf(str(hw.OSNAME), str(hw.OSCOMMENTS), str(hw.ARCHNAME));

  const inv: InventoryInput = {
    schemaVersion: 1,
    agentId: legacyAgentId('ocs', deviceIdRaw),
    collectedAt: new Date().toISOString(),
    hostname: hostname.slice(0, 255),
    ...(str(c.VERSIONCLIENT) ? { agentVersion: str(c.VERSIONCLIENT)!.slice(0, 64) } : {}),
  };

  inv.hardware = defined({
    manufacturer: str(bios.SMANUFACTURER) ?? str(bios.MMANUFACTURER),
    model: str(bios.SMODEL) ?? str(bios.MMODEL),
    serial: str(bios.SSN) ?? str(bios.MSN),
    uuid: str(hw.UUID),
    chassisType: str(bios.TYPE),
    assetTag: str(bios.ASSETTAG),
    biosVendor: str(bios.BMANUFACTURER),
    biosVersion: str(bios.BVERSION),
    biosDate: dateField(bios.BDATE, `${p}.BIOS.BDATE`, w, 'mdy'),
  });

  if (platform) {
    inv.os = defined({
      platform,
      name: str(hw.OSNAME),
      version: str(hw.OSVERSION),
      arch: str(hw.ARCH) ?? str(obj(arr(c.CPUS)[0]).CPUARCH),
      installDate: dateField(hw.INSTALLDATE, `${p}.HARDWARE.INSTALLDATE`, w, 'dmy'),
    });
  } else {
    w.add(`${p}.HARDWARE.OSNAME`, 'no operating system could be recognised; the os section is left empty');
  }

  inv.cpus = arr(c.CPUS).flatMap((cpu, i) => {
    const model = str(cpu.TYPE) ?? str(cpu.NAME);
    if (!model) {
      w.add(`${p}.CPUS[${i}]`, 'dropped: processor without a name');
      return [];
    }
    const cores = int(cpu.CORES, `${p}.CPUS[${i}].CORES`, w);
    return [
      defined({
        model,
        manufacturer: str(cpu.MANUFACTURER),
        cores,
        threads: int(cpu.LOGICAL_CPUS, `${p}.CPUS[${i}].LOGICAL_CPUS`, w),
        speedMhz: int(cpu.SPEED ?? cpu.CURRENT_SPEED, `${p}.CPUS[${i}].SPEED`, w) || undefined,
        socket: str(cpu.SOCKET),
        arch: str(cpu.CPUARCH),
      }),
    ];
  });

  inv.memoryModules = arr(c.MEMORIES).flatMap((m, i) => {
    const sizeBytes = bytesOf(m.CAPACITY, MIB, `${p}.MEMORIES[${i}].CAPACITY`, w);
    if (sizeBytes === undefined) return [];
    return [
      defined({
        slot: str(m.NUMSLOTS) ?? str(m.CAPTION),
        sizeBytes,
        type: str(m.TYPE),
        speedMhz: int(m.SPEED, `${p}.MEMORIES[${i}].SPEED`, w),
        manufacturer: str(m.MANUFACTURER),
        serial: str(m.SERIALNUMBER),
        formFactor: str(m.DESCRIPTION),
      }),
    ];
  });

  inv.storage = arr(c.STORAGES).flatMap((d, i) => {
    const name = str(d.NAME) ?? str(d.MODEL);
    if (!name) {
      w.add(`${p}.STORAGES[${i}]`, 'dropped: disk without a name');
      return [];
    }
    return [
      defined({
        name,
        model: str(d.MODEL),
        vendor: str(d.MANUFACTURER),
        serial: str(d.SERIALNUMBER),
        type: str(d.TYPE),
        interface: str(d.DESCRIPTION),
        sizeBytes: bytesOf(d.DISKSIZE, MB, `${p}.STORAGES[${i}].DISKSIZE`, w),
        firmware: str(d.FIRMWARE),
      }),
    ];
  });

  inv.volumes = arr(c.DRIVES).flatMap((v, i) => {
    const mount = str(v.LETTER) ?? str(v.TYPE) ?? str(v.VOLUMN);
    if (!mount) {
      w.add(`${p}.DRIVES[${i}]`, 'dropped: volume without a mount point');
      return [];
    }
    return [
      defined({
        mount,
        device: str(v.VOLUMN),
        fsType: str(v.FILESYSTEM),
        label: str(v.LABEL),
        sizeBytes: bytesOf(v.TOTAL, MIB, `${p}.DRIVES[${i}].TOTAL`, w),
        freeBytes: bytesOf(v.FREE, MIB, `${p}.DRIVES[${i}].FREE`, w),
      }),
    ];
  });

  inv.networks = mapNetworks(arr(c.NETWORKS).map(lowerKeys), w, `${p}.NETWORKS`);
  inv.printers = mapPrinters(arr(c.PRINTERS).map(lowerKeys), w, `${p}.PRINTERS`);

  inv.graphics = arr(c.VIDEOS).flatMap((g, i) => {
    const model = str(g.NAME) ?? str(g.CHIPSET);
    return model ? [defined({ model, vramBytes: bytesOf(g.MEMORY, MIB, `${p}.VIDEOS[${i}].MEMORY`, w) })] : [];
  });

  inv.monitors = arr(c.MONITORS).flatMap((m) => {
    const out = defined({ vendor: str(m.MANUFACTURER), model: str(m.CAPTION) ?? str(m.DESCRIPTION), serial: str(m.SERIAL) });
    return Object.keys(out).length ? [out] : [];
  });

  const users = arr(c.USERS).flatMap((u) => {
    const username = str(u.LOGIN);
    return username ? [{ username, type: 'logged-in' as 'logged-in' | 'last' }] : [];
  });
  const last = str(hw.LASTLOGGEDUSER) ?? str(hw.USERID);
  if (users.length === 0 && last) users.push({ username: last, type: 'last' as const });
  inv.users = users;

  inv.software = arr(c.SOFTWARES).flatMap((s, i) => {
    const name = str(s.NAME);
    if (!name) {
      w.add(`${p}.SOFTWARES[${i}]`, 'dropped: software without a name');
      return [];
    }
    const source = softwareSourceOf(str(s.FROM), platform);
    return [
      defined({
        // dpkg packages come as `${binary:Package}` (`libc6:amd64`): filed as `libc6`, arch `amd64`.
        ...packageIdentity(name, str(s.ARCHITECTURE) ?? str(s.ARCH), source),
        version: str(s.VERSION),
        publisher: str(s.PUBLISHER),
        // OCS writes `2025/04/20 00:00:00` on Unix and dd/mm/yyyy on Windows.
        installDate: dateField(s.INSTALLDATE, `${p}.SOFTWARES[${i}].INSTALLDATE`, w, 'dmy'),
        source,
        packageId: str(s.GUID),
      }),
    ];
  });

  return { ok: true, inventory: inv, warnings: w.list, deviceId: inv.agentId };
}
