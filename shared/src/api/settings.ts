import { z } from 'zod';

/**
 * Settings an admin changes at run time. The server validates the bodies with its own rules (the priority
 * matrix's cells, CIDR ranges); these are the settings as the API answers them.
 */

export const helpdeskSettingsSchema = z.object({
  priorityMatrix: z.array(z.array(z.number().int())).describe('5 rows (urgency 1–5) of 5 priorities (impact 1–5)'),
  autoCloseDays: z.number().int(),
  deviceChangesDays: z.number().int(),
});
export type HelpdeskSettings = z.infer<typeof helpdeskSettingsSchema>;

/** Whether agents of GLPI, FusionInventory and OCS may post inventories, and from which networks without credentials. */
export const legacySettingsShapeSchema = z.object({
  enabled: z.boolean(),
  allowedCidrs: z.array(z.string()),
});

/** What an admin sends; the server also checks each range (platform/http/cidr.ts). */
export type LegacySettingsBody = z.infer<typeof legacySettingsShapeSchema>;

export const legacySettingsResponseSchema = legacySettingsShapeSchema.extend({
  /** What PARC_LEGACY_INVENTORY and PARC_LEGACY_ALLOWED_CIDRS add (the environment can only add). */
  fromEnvironment: legacySettingsShapeSchema,
  /** Stored and environment together: what the server applies. */
  effective: legacySettingsShapeSchema,
});
export type LegacySettings = z.infer<typeof legacySettingsResponseSchema>;
