import { humanizeKey } from './format.js';
import { t, type PlainKey } from './i18n/i18n.js';

/**
 * What the inventory's fields and component kinds are called on a device page, in the interface's
 * language; a field a newer agent reports that this table does not know yet is shown from its key. Pure.
 */

const FIELDS: Record<string, PlainKey> = {
  manufacturer: 'device.data.manufacturer',
  model: 'device.data.model',
  serial: 'device.data.serial',
  uuid: 'device.data.uuid',
  chassisType: 'device.data.chassisType',
  assetTag: 'device.data.assetTag',
  biosVendor: 'device.data.biosVendor',
  biosVersion: 'device.data.biosVersion',
  biosDate: 'device.data.biosDate',
  memoryBytes: 'device.data.memoryBytes',
  platform: 'device.data.platform',
  name: 'device.data.name',
  version: 'device.data.version',
  build: 'device.data.build',
  arch: 'device.data.arch',
  kernel: 'device.data.kernel',
  installDate: 'device.data.installDate',
  cores: 'device.data.cores',
  threads: 'device.data.threads',
  speedMhz: 'device.data.speedMhz',
  socket: 'device.data.socket',
  slot: 'device.data.slot',
  sizeBytes: 'device.data.sizeBytes',
  type: 'device.data.type',
  partNumber: 'device.data.partNumber',
  formFactor: 'device.data.formFactor',
  vendor: 'device.data.vendor',
  interface: 'device.data.interface',
  firmware: 'device.data.firmware',
  mount: 'device.data.mount',
  device: 'device.data.device',
  fsType: 'device.data.fsType',
  label: 'device.data.label',
  freeBytes: 'device.data.freeBytes',
  encrypted: 'device.data.encrypted',
  mac: 'device.data.mac',
  ipv4: 'device.data.ipv4',
  ipv6: 'device.data.ipv6',
  virtual: 'device.data.virtual',
  speedMbps: 'device.data.speedMbps',
  vramBytes: 'device.data.vramBytes',
  driverVersion: 'device.data.driverVersion',
  resolution: 'device.data.resolution',
  sizeInches: 'device.data.sizeInches',
  main: 'device.data.main',
  chemistry: 'device.data.chemistry',
  designCapacityMwh: 'device.data.designCapacityMwh',
  fullChargeCapacityMwh: 'device.data.fullChargeCapacityMwh',
  cycleCount: 'device.data.cycleCount',
  username: 'device.data.username',
  domain: 'device.data.domain',
};

const KINDS: Record<string, PlainKey> = {
  cpus: 'device.kind.cpus',
  memoryModules: 'device.kind.memoryModules',
  storage: 'device.kind.storage',
  volumes: 'device.kind.volumes',
  networks: 'device.kind.networks',
  graphics: 'device.kind.graphics',
  monitors: 'device.kind.monitors',
  batteries: 'device.kind.batteries',
  users: 'device.kind.users',
  hardware: 'device.kind.hardware',
  os: 'device.kind.os',
  software: 'device.kind.software',
  device: 'device.kind.device',
};

/** "Memory", "Mémoire" for `memoryBytes`. */
export const fieldLabel = (key: string) => (Object.hasOwn(FIELDS, key) ? t(FIELDS[key]!) : humanizeKey(key));

/** "Memory modules", "Barrettes mémoire" for `memoryModules` (component kinds and change sections). */
export const kindLabel = (kind: string) => (Object.hasOwn(KINDS, kind) ? t(KINDS[kind]!) : humanizeKey(kind));
