import { z } from 'zod';
import { ASSET_TYPES } from './asset-enums.js';

export * from './asset-enums.js';

/** Registering an asset by hand (POST /api/v1/devices): a computer nobody inventories yet, a monitor, a phone… */

const optText = (max: number) => z.string().trim().max(max).nullable().optional();

export const createDeviceBodySchema = z
  .object({
    type: z.enum(ASSET_TYPES),
    /** The asset's display name (stored as its hostname). */
    name: z.string().trim().min(1).max(256),
    manufacturer: optText(256),
    model: optText(256),
    serial: optText(256),
    assetTag: optText(256),
    notes: optText(10_000),
    /** An asset_states code; default in_use. */
    state: z.string().trim().min(1).max(63).optional(),
    locationId: z.number().int().positive().max(2_147_483_647).nullable().optional(),
    userId: z.number().int().positive().max(2_147_483_647).nullable().optional(),
    /** The computer this asset is attached to. */
    parentDeviceId: z.number().int().positive().max(2_147_483_647).nullable().optional(),
  })
  .strict();
export type CreateDeviceBody = z.infer<typeof createDeviceBodySchema>;

/** A device as another device's page names it: the computer a peripheral is attached to, or its peripherals. */
export const linkedDeviceSchema = z.object({ id: z.number().int(), hostname: z.string(), type: z.enum(ASSET_TYPES) });
export type LinkedDevice = z.infer<typeof linkedDeviceSchema>;
