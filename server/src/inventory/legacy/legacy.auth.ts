import type { Clock } from '@parc/shared';
import type { Db } from '../../platform/db/database.js';
import { verifyEnrollmentToken } from '../enrollment/enrollment.service.js';
import { UnauthorizedError } from '../../platform/http/errors.js';
import { ipInRanges } from '../../platform/http/cidr.js';
import type { EffectiveLegacySettings } from './legacy-settings.js';

/** The Basic realm the agents must be configured with (OCS agent: `--realm=Parc`). */
export const LEGACY_REALM = 'Parc';

export type LegacyAuthResult =
  | { ok: true; via: 'token'; tokenId: number }
  | { ok: true; via: 'network' }
  | { ok: false; status: 401 | 403; message: string; challenge: boolean };

/** `Basic base64(user:password)` → the password; undefined when the header is absent or not Basic. */
export function basicPassword(authorization: string | undefined): string | undefined {
  const m = authorization?.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i);
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? undefined : decoded.slice(colon + 1);
}

/**
 * Who may post to the legacy endpoints: nobody while they are disabled; then an agent whose Basic
 * password is a current enrollment token, or any agent in a trusted range. Credentials that are sent
 * must be right even from a trusted range: a stale token is better reported than silently ignored.
 */
export async function authorizeLegacy(
  db: Db,
  settings: EffectiveLegacySettings,
  authorization: string | undefined,
  clientIp: string | undefined,
  clock: Clock,
): Promise<LegacyAuthResult> {
  if (!settings.enabled) {
    return {
      ok: false,
      status: 403,
      challenge: false,
      message:
        'Parc: inventories from GLPI/FusionInventory/OCS agents are disabled on this server; an administrator can enable them (PUT /api/v1/settings/legacy-inventory or PARC_LEGACY_INVENTORY=1)',
    };
  }
  const password = basicPassword(authorization);
  if (password !== undefined) {
    try {
      const token = await verifyEnrollmentToken(db, password, clock);
      return { ok: true, via: 'token', tokenId: token.id };
    } catch (e) {
      if (!(e instanceof UnauthorizedError)) throw e;
      return {
        ok: false,
        status: 401,
        challenge: true,
        message: 'Parc: the password is not a current enrollment token; set the agent password to an enrollment token from Parc (any user name)',
      };
    }
  }
  if (ipInRanges(clientIp, settings.ranges)) return { ok: true, via: 'network' };
  return {
    ok: false,
    status: 401,
    challenge: true,
    message: `Parc: authentication required: configure the agent with HTTP basic auth (realm "${LEGACY_REALM}", any user, an enrollment token as password)`,
  };
}
