import { z } from 'zod';
import { bodyIdSchema, pageSchema } from './common.js';
import { CHANGE_KINDS } from './enums.js';
import { ASSET_SOURCES, ASSET_TYPES } from './asset-enums.js';
import { linkedDeviceSchema } from './assets-register.js';

/** The inventory as people read it: device lists, a device's detail and history, the fields people own. */

export const deviceSummarySchema = z.object({
  id: z.number().int(),
  type: z.string(),
  hostname: z.string(),
  serial: z.string().nullable(),
  /** True when `serial` is what firmware reported but a known placeholder ("To Be Filled By O.E.M."), not a real serial. */
  serialPlaceholder: z.boolean(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  os: z.object({ platform: z.string().nullable(), name: z.string().nullable(), version: z.string().nullable() }),
  lastUser: z.string().nullable(),
  ipv4: z.array(z.string()),
  /** asset_states.code (built-ins: in_stock, in_use, in_repair, lent, retired, lost; admins add others). */
  state: z.string(),
  /** An admin-added state's label; null for built-ins (worded by the client from `state`). */
  stateLabel: z.string().nullable(),
  /** In use, yet not seen for longer than the stale period. */
  stale: z.boolean(),
  locationId: z.number().int().nullable(),
  /** The location's full path ("Paris / HQ / Floor 2"). */
  location: z.string().nullable(),
  /** The person the asset is assigned to. */
  user: z.object({ id: z.number().int(), username: z.string(), displayName: z.string().nullable() }).nullable(),
  /** Free text kept from before assigned users (a person without an account, a department). */
  owner: z.string().nullable(),
  assetTag: z.string().nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  /** agent (inventoried), manual (registered by a person) or discovered (a peripheral an agent reported). */
  source: z.enum(ASSET_SOURCES),
  /** The computer this asset is attached to. */
  parentDevice: linkedDeviceSchema.nullable(),
});
export type DeviceSummary = z.infer<typeof deviceSummarySchema>;

export const listDevicesResponseSchema = pageSchema(deviceSummarySchema);
export type DevicePage = z.infer<typeof listDevicesResponseSchema>;

/** One difference between two inventories of a device. */
export const deviceChangeSchema = z.object({
  at: z.string(),
  section: z.string(),
  kind: z.enum(CHANGE_KINDS),
  item: z.string(),
  old: z.string().nullable(),
  new: z.string().nullable(),
  /** For entries the interface words itself (`first-inventory`), a code and its parameters; item/new keep the English text. */
  code: z.string().nullable().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).nullable().optional(),
});
export type DeviceChange = z.infer<typeof deviceChangeSchema>;

/** A change as the device's history stores it. */
export const storedChangeSchema = deviceChangeSchema.extend({ id: z.number().int() });

export const installedSoftwareSchema = z.object({
  productId: z.number().int(),
  name: z.string(),
  publisher: z.string().nullable(),
  version: z.string(),
  arch: z.string(),
  source: z.string(),
  installDate: z.string().nullable(),
  firstSeenAt: z.string(),
});
export type InstalledSoftware = z.infer<typeof installedSoftwareSchema>;

/** A page of a device's installed software, searched on the server (a machine may carry thousands of packages). */
export const deviceSoftwarePageSchema = pageSchema(installedSoftwareSchema);
export type DeviceSoftwarePage = z.infer<typeof deviceSoftwarePageSchema>;

export const deviceDetailSchema = deviceSummarySchema.extend({
  uuid: z.string().nullable(),
  macs: z.array(z.string()),
  hardware: z.record(z.string(), z.union([z.string(), z.number()]).nullable()),
  osDetail: z.record(z.string(), z.string().nullable()),
  components: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  software: z.array(installedSoftwareSchema),
  changes: z.array(storedChangeSchema),
  agent: z.object({ id: z.string(), version: z.string().nullable(), lastContactAt: z.string().nullable() }).nullable(),
  match: z.object({ rule: z.string(), at: z.string() }),
  notes: z.string().nullable(),
  lastInventoryAt: z.string().nullable(),
  /** Assets attached to this one (monitors, printers… whose parent it is), by name. */
  peripherals: z.array(linkedDeviceSchema),
});
export type DeviceDetail = z.infer<typeof deviceDetailSchema>;

export const changesResponseSchema = z.object({ items: z.array(storedChangeSchema), total: z.number().int() });

const nullableText = (max: number) => z.string().trim().max(max).nullable();
export const patchDeviceBodySchema = z
  .object({
    state: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/),
    locationId: bodyIdSchema.nullable(),
    userId: bodyIdSchema.nullable(),
    owner: nullableText(256),
    assetTag: nullableText(256),
    notes: nullableText(10_000),
    // The asset's identity: people set it on manual and discovered assets; an agent's inventory owns it on computers it reports.
    name: z.string().trim().min(1).max(256),
    type: z.enum(ASSET_TYPES),
    manufacturer: nullableText(256),
    model: nullableText(256),
    serial: nullableText(256),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give at least one of state, locationId, userId, owner, assetTag, notes, name, type, manufacturer, model, serial');
export type PatchDeviceBody = z.infer<typeof patchDeviceBodySchema>;

/**
 * A device as it was when it was linked to a ticket (frozen at link time). Every field is optional: a
 * snapshot keeps the shape of the version that took it.
 */
export const deviceSnapshotSchema = z.object({
  hostname: z.string().optional(),
  serial: z.string().nullable().optional(),
  /** The serial is a vendor placeholder ("To Be Filled By O.E.M."), not the machine's. */
  serialPlaceholder: z.boolean().optional(),
  manufacturer: z.string().nullable().optional(),
  model: z.string().nullable().optional(),
  os: z
    .object({
      platform: z.string().nullable().optional(),
      name: z.string().nullable().optional(),
      version: z.string().nullable().optional(),
      build: z.string().nullable().optional(),
      kernel: z.string().nullable().optional(),
      arch: z.string().nullable().optional(),
    })
    .optional(),
  lastUser: z.string().nullable().optional(),
  ipv4: z.array(z.string()).nullable().optional(),
  location: z.string().nullable().optional(),
  lastSeenAt: z.string().nullable().optional(),
  components: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).optional(),
  softwareCount: z.number().int().optional(),
});
export type DeviceSnapshot = z.infer<typeof deviceSnapshotSchema>;
