import { z } from 'zod';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/db/database.js';
import { parseCidr, parseCidrList, type Cidr } from '../../platform/http/cidr.js';
import { loadSetting, saveSetting } from '../../platform/settings/settings.repository.js';

/**
 * Whether the peer-agent endpoints answer, and which networks may post without credentials. Stored in
 * the `settings` table under one key; the environment (`PARC_LEGACY_INVENTORY`,
 * `PARC_LEGACY_ALLOWED_CIDRS`) can only add to it, so an operator can enable it without the UI.
 */

export const SETTINGS_KEY = 'legacy-inventory';

export const cidrStringSchema = z
  .string()
  .trim()
  .max(64)
  .refine((s) => parseCidr(s) !== undefined, 'not an IPv4/IPv6 address or CIDR range (e.g. 10.0.0.0/8, 2001:db8::/32)');

export const legacySettingsSchema = z.object({
  enabled: z.boolean(),
  allowedCidrs: z.array(cidrStringSchema).max(256),
});
export type LegacySettings = z.infer<typeof legacySettingsSchema>;

/** The answer is shared with the web client: shared/src/api/settings.ts. */
export { legacySettingsResponseSchema } from '@parc/shared/api';

const DEFAULTS: LegacySettings = { enabled: false, allowedCidrs: [] };

export async function loadLegacySettings(db: Db): Promise<LegacySettings> {
  const parsed = legacySettingsSchema.safeParse(await loadSetting(db, SETTINGS_KEY));
  return parsed.success ? parsed.data : DEFAULTS;
}

export async function saveLegacySettings(db: Db, s: LegacySettings, now: Date): Promise<void> {
  await saveSetting(db, SETTINGS_KEY, s, now);
}

export function envLegacySettings(config: Pick<Config, 'PARC_LEGACY_INVENTORY' | 'PARC_LEGACY_ALLOWED_CIDRS'>): LegacySettings {
  return { enabled: config.PARC_LEGACY_INVENTORY, allowedCidrs: config.PARC_LEGACY_ALLOWED_CIDRS };
}

export interface EffectiveLegacySettings extends LegacySettings {
  ranges: Cidr[];
}

/** Stored settings merged with the environment: either one enables, ranges are the union. */
export function mergeLegacySettings(stored: LegacySettings, env: LegacySettings): EffectiveLegacySettings {
  const allowedCidrs = [...new Set([...stored.allowedCidrs, ...env.allowedCidrs])];
  return { enabled: stored.enabled || env.enabled, allowedCidrs, ranges: parseCidrList(allowedCidrs).ranges };
}
