import { z } from 'zod';

export const PEOPLE_STATUSES = ['active', 'in-stock', 'in-repair', 'retired', 'lost'] as const;
/** `stale` is derived: an active device not seen for PARC_STALE_DAYS. */
export const DEVICE_STATUSES = [...PEOPLE_STATUSES, 'stale'] as const;

const SORTABLE = ['hostname', 'lastSeenAt', 'firstSeenAt', 'manufacturer', 'model', 'os', 'serial', 'id'] as const;
export type DeviceSortField = (typeof SORTABLE)[number];

export const listDevicesQuerySchema = z.object({
  /** Hostname, serial, user, IP, MAC or installed software name. */
  search: z.string().trim().min(1).max(256).optional(),
  os: z.string().trim().min(1).max(128).optional(),
  manufacturer: z.string().trim().min(1).max(256).optional(),
  status: z.enum(DEVICE_STATUSES).optional(),
  lastSeenBefore: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  lastSeenAfter: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  sort: z
    .string()
    .regex(new RegExp(`^-?(${SORTABLE.join('|')})$`), `one of ${SORTABLE.join(', ')}, with - for descending`)
    .default('hostname'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type ListDevicesQuery = z.infer<typeof listDevicesQuerySchema>;

export const deviceSummarySchema = z.object({
  id: z.number().int(),
  type: z.string(),
  hostname: z.string(),
  serial: z.string().nullable(),
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
});

export const listDevicesResponseSchema = z.object({
  items: z.array(deviceSummarySchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

const changeSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  section: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  item: z.string(),
  old: z.string().nullable(),
  new: z.string().nullable(),
});

export const deviceDetailSchema = deviceSummarySchema.extend({
  uuid: z.string().nullable(),
  macs: z.array(z.string()),
  hardware: z.record(z.string(), z.union([z.string(), z.number()]).nullable()),
  osDetail: z.record(z.string(), z.string().nullable()),
  components: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  software: z.array(
    z.object({
      productId: z.number().int(),
      name: z.string(),
      publisher: z.string().nullable(),
      version: z.string(),
      arch: z.string(),
      source: z.string(),
      installDate: z.string().nullable(),
      firstSeenAt: z.string(),
    }),
  ),
  changes: z.array(changeSchema),
  agent: z.object({ id: z.string(), version: z.string().nullable(), lastContactAt: z.string().nullable() }).nullable(),
  match: z.object({ rule: z.string(), at: z.string() }),
  notes: z.string().nullable(),
  lastInventoryAt: z.string().nullable(),
});

export const changesQuerySchema = z.object({
  section: z.string().trim().max(64).optional(),
  since: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});

export const changesResponseSchema = z.object({ items: z.array(changeSchema), total: z.number().int() });

const nullableText = (max: number) => z.string().trim().max(max).nullable();
export const patchDeviceBodySchema = z
  .object({
    location: nullableText(256),
    status: z.enum(PEOPLE_STATUSES),
    owner: nullableText(256),
    assetTag: nullableText(256),
    notes: nullableText(10_000),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give at least one of location, status, owner, assetTag, notes');
export type PatchDeviceBody = z.infer<typeof patchDeviceBodySchema>;
