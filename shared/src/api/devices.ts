import { z } from 'zod';
import { pageSchema } from './common.js';
import { CHANGE_KINDS, DEVICE_STATUSES, PEOPLE_DEVICE_STATUSES } from './enums.js';

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
  status: z.enum(DEVICE_STATUSES),
  location: z.string().nullable(),
  owner: z.string().nullable(),
  assetTag: z.string().nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  /** The asset register's fields: where the record came from, its state (asset_states code), place and person. */
  source: z.string(),
  parentDeviceId: z.number().int().nullable(),
  state: z.string(),
  locationId: z.number().int().nullable(),
  /** "Site / Building / Room" */
  locationPath: z.string().nullable(),
  userId: z.number().int().nullable(),
  userName: z.string().nullable(),
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
});
export type DeviceDetail = z.infer<typeof deviceDetailSchema>;

export const changesResponseSchema = z.object({ items: z.array(storedChangeSchema), total: z.number().int() });

const nullableText = (max: number) => z.string().trim().max(max).nullable();
export const patchDeviceBodySchema = z
  .object({
    location: nullableText(256),
    status: z.enum(PEOPLE_DEVICE_STATUSES),
    owner: nullableText(256),
    assetTag: nullableText(256),
    notes: nullableText(10_000),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give at least one of location, status, owner, assetTag, notes');
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
