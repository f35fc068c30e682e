import { z } from 'zod';

/**
 * The wire contract between the agent and the server: one inventory of one machine.
 *
 * Every section is optional. A payload without `sections` is a full inventory: a section it does not
 * carry is empty, unless it is listed in `failedSections` (its collector failed, so the server keeps what
 * it had). A payload with `sections` is partial: only those sections are replaced. `sections: []` is a
 * check-in: nothing changed since the last accepted upload.
 *
 * @example
 * const inv: Inventory = {
 *   schemaVersion: 1, agentId: '6f1c…', collectedAt: '2026-11-28T10:00:00Z', hostname: 'ws-042',
 *   software: [{ name: 'Firefox', version: '128.0', source: 'deb' }],
 * };
 */

const text = (max = 512) => z.string().trim().max(max);
const optText = (max = 512) => text(max).optional();
const count = z.number().int().nonnegative();
const bytes = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** A date or date-time in any form `Date` understands; normalised to ISO 8601. */
export const isoDateSchema = z
  .union([z.string().trim().min(1).max(64), z.number()])
  .transform((value, ctx) => {
    const d = new Date(value);
    if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1970 || d.getUTCFullYear() > 2200) {
      ctx.addIssue({ code: 'custom', message: `not a valid date: ${String(value).slice(0, 40)}` });
      return z.NEVER;
    }
    return d.toISOString();
  });

export const INVENTORY_SECTIONS = [
  'hardware',
  'os',
  'cpus',
  'memoryModules',
  'storage',
  'volumes',
  'networks',
  'graphics',
  'monitors',
  'printers',
  'batteries',
  'users',
  'software',
] as const;
export const inventorySectionSchema = z.enum(INVENTORY_SECTIONS);
export type InventorySection = z.infer<typeof inventorySectionSchema>;

export const SOFTWARE_SOURCES = [
  'deb',
  'rpm',
  'pacman',
  'apk',
  'snap',
  'flatpak',
  'registry',
  'appx',
  'macos-app',
  'pkg',
  'homebrew',
  'msi',
  'other',
] as const;
export const softwareSourceSchema = z.enum(SOFTWARE_SOURCES);
export type SoftwareSource = z.infer<typeof softwareSourceSchema>;

export const hardwareSchema = z.object({
  manufacturer: optText(),
  model: optText(),
  serial: optText(256),
  uuid: optText(64),
  chassisType: optText(64),
  assetTag: optText(256),
  biosVendor: optText(),
  biosVersion: optText(),
  biosDate: isoDateSchema.optional(),
  /** Total physical memory: known even where memory modules are not (virtual machines). */
  memoryBytes: bytes.optional(),
});
export type Hardware = z.infer<typeof hardwareSchema>;

export const osSchema = z.object({
  /** `linux`, `windows`, `darwin`, `freebsd`… */
  platform: text(32).min(1),
  name: optText(),
  version: optText(128),
  build: optText(128),
  arch: optText(32),
  kernel: optText(256),
  installDate: isoDateSchema.optional(),
});
export type OperatingSystem = z.infer<typeof osSchema>;

export const cpuSchema = z.object({
  manufacturer: optText(),
  model: text().min(1),
  cores: count.optional(),
  threads: count.optional(),
  speedMhz: count.optional(),
  socket: optText(64),
  arch: optText(32),
});
export type Cpu = z.infer<typeof cpuSchema>;

export const memoryModuleSchema = z.object({
  slot: optText(128),
  sizeBytes: bytes,
  type: optText(64),
  speedMhz: count.optional(),
  manufacturer: optText(),
  partNumber: optText(128),
  serial: optText(128),
  formFactor: optText(64),
});
export type MemoryModule = z.infer<typeof memoryModuleSchema>;

export const diskSchema = z.object({
  name: text(256).min(1),
  model: optText(),
  vendor: optText(),
  serial: optText(256),
  /** HDD, SSD, NVMe, USB… */
  type: optText(64),
  interface: optText(64),
  sizeBytes: bytes.optional(),
  firmware: optText(128),
});
export type Disk = z.infer<typeof diskSchema>;

export const volumeSchema = z.object({
  /** Mount point or drive letter (`/`, `C:`). */
  mount: text(1024).min(1),
  device: optText(1024),
  fsType: optText(64),
  label: optText(256),
  sizeBytes: bytes.optional(),
  /** Volatile: stored, never diffed. */
  freeBytes: bytes.optional(),
  encrypted: z.boolean().optional(),
});
export type Volume = z.infer<typeof volumeSchema>;

export const networkInterfaceSchema = z.object({
  name: text(256).min(1),
  mac: optText(64),
  ipv4: z.array(text(64)).max(256).default([]),
  ipv6: z.array(text(128)).max(256).default([]),
  virtual: z.boolean().default(false),
  speedMbps: count.optional(),
  /** wired, wireless, virtual… */
  type: optText(64),
});
export type NetworkInterface = z.infer<typeof networkInterfaceSchema>;

export const graphicsSchema = z.object({
  vendor: optText(),
  model: text().min(1),
  vramBytes: bytes.optional(),
  driverVersion: optText(128),
});
export type Graphics = z.infer<typeof graphicsSchema>;

export const monitorSchema = z.object({
  vendor: optText(),
  model: optText(),
  serial: optText(256),
  resolution: optText(64),
  sizeInches: z.number().positive().max(1000).optional(),
  main: z.boolean().optional(),
});
export type Monitor = z.infer<typeof monitorSchema>;

/**
 * A printer the machine knows (local queue, USB or network). `serial` is the device's own serial when the
 * system reports it (a USB URI's `serial=`, an agent's probe); the server links a printer with a real
 * serial as an asset of its own.
 */
export const printerSchema = z.object({
  name: text(256).min(1),
  manufacturer: optText(),
  /** The driver (PPD or Windows driver name), often the only place the model shows. */
  driver: optText(),
  model: optText(),
  serial: optText(256),
  /** Port or device URI (`usb://EPSON/L3150%20Series?serial=…`, `ipp://…`, `USB001`). */
  port: optText(1024),
  network: z.boolean().optional(),
  default: z.boolean().optional(),
  shared: z.boolean().optional(),
});
export type Printer = z.infer<typeof printerSchema>;

export const batterySchema = z.object({
  manufacturer: optText(),
  model: optText(),
  serial: optText(256),
  chemistry: optText(64),
  designCapacityMwh: count.optional(),
  fullChargeCapacityMwh: count.optional(),
  cycleCount: count.optional(),
});
export type Battery = z.infer<typeof batterySchema>;

export const userSchema = z.object({
  username: text(256).min(1),
  domain: optText(256),
  /** `logged-in` now, or the `last` user to log in. */
  type: z.enum(['logged-in', 'last']).default('logged-in'),
});
export type InventoryUser = z.infer<typeof userSchema>;

export const softwareSchema = z.object({
  name: text(512).min(1),
  version: optText(256),
  publisher: optText(512),
  arch: optText(32),
  installDate: isoDateSchema.optional(),
  source: softwareSourceSchema.default('other'),
  /** The package manager's own id (dpkg package name, registry key, bundle id…). */
  packageId: optText(512),
});
export type Software = z.infer<typeof softwareSchema>;

export const failedSectionSchema = z.object({
  section: inventorySectionSchema,
  error: text(1024).default('collector failed'),
});

/**
 * Packages stored for one machine (bounded work per upload). A longer list is never truncated nor silently
 * dropped: the server refuses the upload (400 naming `software`), Parc's agent reports the section as
 * failed and logs an error.
 */
export const MAX_SOFTWARE_ENTRIES = 50_000;
const list = <T extends z.ZodTypeAny>(item: T, max = 1024) => z.array(item).max(max).optional();

export const inventorySchema = z.object({
  schemaVersion: z.literal(1),
  agentId: text(128).min(1),
  collectedAt: isoDateSchema,
  hostname: text(255).min(1),
  agentVersion: optText(64),
  /** Present: a partial inventory carrying only these sections. */
  sections: z.array(inventorySectionSchema).max(INVENTORY_SECTIONS.length).optional(),
  /** Sections whose collector failed or timed out: the server keeps what it had for them. */
  failedSections: z.array(failedSectionSchema).max(INVENTORY_SECTIONS.length).optional(),
  hardware: hardwareSchema.optional(),
  os: osSchema.optional(),
  cpus: list(cpuSchema, 256),
  memoryModules: list(memoryModuleSchema, 256),
  storage: list(diskSchema, 1024),
  volumes: list(volumeSchema, 4096),
  networks: list(networkInterfaceSchema, 1024),
  graphics: list(graphicsSchema, 64),
  monitors: list(monitorSchema, 64),
  printers: list(printerSchema, 256),
  batteries: list(batterySchema, 16),
  users: list(userSchema, 1024),
  software: list(softwareSchema, MAX_SOFTWARE_ENTRIES),
});
export type Inventory = z.infer<typeof inventorySchema>;
export type InventoryInput = z.input<typeof inventorySchema>;

/** Fields whose absence or invalidity rejects the whole payload. */
export const REQUIRED_INVENTORY_FIELDS = ['schemaVersion', 'agentId', 'collectedAt', 'hostname'] as const;

/** Which sections an inventory replaces, and which it leaves as stored. */
export function carriedSections(inv: Pick<Inventory, 'sections' | 'failedSections'>): InventorySection[] {
  const failed = new Set((inv.failedSections ?? []).map((f) => f.section));
  const base = inv.sections ?? INVENTORY_SECTIONS;
  return base.filter((s) => !failed.has(s));
}
