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
  driver: 'device.data.driver',
  port: 'device.data.port',
  network: 'device.data.network',
  default: 'device.data.default',
  shared: 'device.data.shared',
};

const KINDS: Record<string, PlainKey> = {
  cpus: 'device.kind.cpus',
  memoryModules: 'device.kind.memoryModules',
  storage: 'device.kind.storage',
  volumes: 'device.kind.volumes',
  networks: 'device.kind.networks',
  graphics: 'device.kind.graphics',
  monitors: 'device.kind.monitors',
  printers: 'device.kind.printers',
  batteries: 'device.kind.batteries',
  users: 'device.kind.users',
  hardware: 'device.kind.hardware',
  os: 'device.kind.os',
  software: 'device.kind.software',
  device: 'device.kind.device',
  peripherals: 'assetRegister.peripherals',
};

/**
 * Column order of every component table: what names the thing first (name, model, maker), then its
 * size and kind, then details, serials last; a key this list does not know goes after, alphabetically.
 */
const COLUMN_ORDER = [
  'name', 'username', 'mount', 'slot', 'model', 'manufacturer', 'vendor', 'label', 'domain', 'type', 'sizeBytes', 'freeBytes', 'fsType',
  'cores', 'threads', 'speedMhz', 'speedMbps', 'mac', 'ipv4', 'ipv6', 'virtual', 'interface', 'device', 'encrypted', 'vramBytes', 'resolution',
  'sizeInches', 'main', 'driver', 'port', 'network', 'default', 'shared', 'socket', 'arch', 'formFactor', 'chemistry', 'designCapacityMwh', 'fullChargeCapacityMwh', 'cycleCount', 'driverVersion',
  'firmware', 'partNumber', 'serial',
];

/** The columns of a component table: keys any item has, in COLUMN_ORDER, at most `max`. */
export function componentColumns(items: readonly Record<string, unknown>[], max = 8): string[] {
  const rank = (k: string) => {
    const i = COLUMN_ORDER.indexOf(k);
    return i === -1 ? COLUMN_ORDER.length : i;
  };
  const keys = [...new Set(items.flatMap((i) => Object.keys(i).filter((k) => i[k] !== null && i[k] !== undefined && i[k] !== '')))];
  return keys.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).slice(0, max);
}

/** Words the agent reports as values (an interface's type, a user's kind, a chassis), in the interface's language. */
const VALUES: Record<string, PlainKey> = {
  'type:wired': 'device.value.wired',
  'type:wireless': 'device.value.wireless',
  'type:virtual': 'device.value.virtual',
  'type:loopback': 'device.value.loopback',
  'type:tunnel': 'device.value.tunnel',
  'type:bridge': 'device.value.bridge',
  'type:logged-in': 'device.value.loggedIn',
  'type:last': 'device.value.lastUser',
  'chassisType:desktop': 'device.value.desktop',
  'chassisType:laptop': 'device.value.laptop',
  'chassisType:notebook': 'device.value.laptop',
  'chassisType:tower': 'device.value.tower',
  'chassisType:mini pc': 'device.value.miniPc',
  'chassisType:all in one': 'device.value.allInOne',
  'chassisType:tablet': 'device.value.tablet',
  'chassisType:convertible': 'device.value.convertible',
  'chassisType:server': 'device.value.server',
  'chassisType:virtual machine': 'device.value.virtualMachine',
  'chassisType:other': 'device.value.other',
  'chassisType:unknown': 'device.value.unknown',
};

/** "Filaire" for an interface of type `wired`; a value the table does not know stays as reported. */
export function componentValue(key: string, value: string): string {
  const k = `${key}:${value.toLowerCase()}`;
  return Object.hasOwn(VALUES, k) ? t(VALUES[k]!) : value;
}

/**
 * The MAC addresses to show for a device: every interface's (the identity list leaves out virtual and
 * locally administered ones, which would show a machine's only interface as "—"), else the identity's.
 */
export function deviceMacs(networks: readonly Record<string, unknown>[] | undefined, identity: readonly string[]): string[] {
  const reported = (networks ?? []).map((n) => n.mac).filter((m): m is string => typeof m === 'string' && m.trim() !== '' && !/^(00[:-]?){5}00$/i.test(m.trim()));
  return [...new Set(reported.length ? reported.map((m) => m.toLowerCase()) : identity)];
}

/** "Memory", "Mémoire" for `memoryBytes`. */
export const fieldLabel = (key: string) => (Object.hasOwn(FIELDS, key) ? t(FIELDS[key]!) : humanizeKey(key));

/** "Memory modules", "Barrettes mémoire" for `memoryModules` (component kinds and change sections). */
export const kindLabel = (kind: string) => (Object.hasOwn(KINDS, kind) ? t(KINDS[kind]!) : humanizeKey(kind));

/** How reconcile matched the inventory to this device (`devices.match_rule`); an unknown rule shows as stored. */
const MATCH_RULES: Record<string, PlainKey> = {
  'agent-id': 'device.matchRule.agentId',
  'serial+uuid': 'device.matchRule.serialUuid',
  serial: 'device.matchRule.serial',
  uuid: 'device.matchRule.uuid',
  mac: 'device.matchRule.mac',
  hostname: 'device.matchRule.hostname',
  new: 'device.matchRule.new',
};
export const matchRuleLabel = (rule: string) => (Object.hasOwn(MATCH_RULES, rule) ? t(MATCH_RULES[rule]!) : rule);
