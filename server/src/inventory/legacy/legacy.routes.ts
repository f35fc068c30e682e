import { recordAudit } from '../../platform/audit/audit.repository.js';
import { auditActor } from '../../platform/audit/audit-actor.js';
import type { Context, Hono } from 'hono';
import { parseInventoryLenient, ROLE_SETS, systemClock } from '@parc/shared';
import type { AppDeps } from '../../platform/app-deps.js';
import { Admission, ServerBusyError, ingestAdmissionLimits } from '../../platform/http/admission.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { decompress, readBodyLimited } from '../../platform/http/body.js';
import type { AppEnv } from '../../platform/http/context.js';
import { DomainError } from '../../platform/http/errors.js';
import { parseJsonText } from '../../platform/http/json-text.js';
import { stripNul } from '../../platform/http/nul.js';
import { ingestInventory } from '../ingest/ingest.service.js';
import { obj, str } from './convert.js';
import { mapFusionXml } from './fusion-xml.mapper.js';
import { hostFromDeviceId, type LegacyMapResult } from './glpi-content.js';
import { mapGlpiJson, unsupportedItemtype } from './glpi-json.mapper.js';
import { LEGACY_REALM, authorizeLegacy } from './legacy.auth.js';
import * as replies from './legacy.replies.js';
import type { Reply } from './legacy.replies.js';
import {
  envLegacySettings,
  legacySettingsResponseSchema,
  legacySettingsSchema,
  loadLegacySettings,
  mergeLegacySettings,
  saveLegacySettings,
} from './legacy-settings.js';
import { mapOcsXml } from './ocs-xml.mapper.js';
import { parseXmlSafe } from './xml.js';

/**
 * Endpoints spoken by the agents already in the field: GLPI Agent (native JSON, and the legacy XML it
 * shares with FusionInventory) at `POST /` and `POST /front/inventory.php`, OCS Inventory at
 * `POST /ocsinventory`. Each answers in its protocol's own format, errors included, because that is
 * what the agents log. Everything goes through the same mapping → validation → ingest as Parc's agent.
 */

type Protocol = 'glpi-json' | 'fusion-xml' | 'ocs';

/** The compression a peer agent declares in Content-Type (they rarely use Content-Encoding). */
export function encodingOf(contentType: string | undefined, contentEncoding: string | undefined): string | undefined {
  if (contentEncoding) return contentEncoding;
  const ct = (contentType ?? '').toLowerCase();
  if (ct.includes('x-compress-gzip')) return 'gzip';
  if (ct.includes('x-compress-zlib') || ct.includes('x-compress-deflate') || ct.includes('application/x-compress')) return 'deflate';
  return undefined;
}

function send(c: Context<AppEnv>, r: Reply): Response {
  return new Response(r.body, { status: r.status, headers: { ...r.headers, 'x-request-id': c.get('requestId') } });
}

export function registerLegacyRoutes(app: Hono<AppEnv>, deps: AppDeps, opts: { api?: ApiBuilder; admission?: Admission } = {}) {
  const { db, log, config } = deps;
  const admission = opts.admission ?? new Admission(ingestAdmissionLimits(config));
  const clock = deps.clock ?? systemClock;
  // Behind a trusted proxy this is the client, not the proxy (platform/http/client-address).
  const clientIp = (c: Context<AppEnv>) => c.get('clientAddress');
  const limit = config.PARC_MAX_BODY_BYTES;

  /** The error answer in the protocol's format. */
  const errorReply = (protocol: Protocol, status: number, message: string, compressed: boolean): Reply =>
    protocol === 'glpi-json'
      ? replies.glpiError(status, message)
      : protocol === 'ocs'
        ? replies.ocsError(status, message)
        : replies.fusionError(status, message, compressed);

  async function ingestMapped(c: Context<AppEnv>, protocol: Protocol, raw: LegacyMapResult, compressed: boolean): Promise<Reply> {
    // Postgres text cannot store NUL nor a lone surrogate; a legacy agent's stray one is dropped like a
    // Parc agent's, its DEVICEID included (the agent generates it: refusing would make it retry forever).
    const mapped = stripNul(raw) as LegacyMapResult;
    if (mapped.ok && !/[^\s]/.test(hostFromDeviceId(mapped.deviceId))) {
      return errorReply(protocol, 400, 'the device id is empty once NUL characters are removed', compressed);
    }
    if (!mapped.ok) {
      const status = mapped.code === 'unsupported_itemtype' ? 422 : 400;
      log.warn({ protocol, code: mapped.code, field: mapped.field, requestId: c.get('requestId') }, `legacy inventory refused: ${mapped.message}`);
      return errorReply(protocol, status, mapped.message, compressed);
    }
    const parsed = parseInventoryLenient(mapped.inventory);
    if (!parsed.ok) {
      return errorReply(protocol, 400, `inventory rejected: "${parsed.field}" ${parsed.message}`, compressed);
    }
    const warnings = [...mapped.warnings, ...parsed.warnings];
    const result = await ingestInventory({ db, log, clock }, parsed.inventory, { agentId: mapped.deviceId }, warnings);
    log.info({ protocol, agentId: mapped.deviceId, deviceId: result.deviceId, status: result.status, warnings: warnings.length }, 'legacy inventory ingested');
    if (protocol === 'glpi-json') return replies.glpiOk({ message: `Parc: device ${result.deviceId} ${result.status}` });
    return protocol === 'ocs' ? replies.ocsInventoryOk() : replies.fusionInventoryOk(compressed);
  }

  /** Reads, decompresses and authorises; returns the body or the error answer. */
  async function intake(c: Context<AppEnv>, guess: Protocol): Promise<{ body: Buffer; compressed: boolean } | Reply> {
    const settings = mergeLegacySettings(await loadLegacySettings(db), envLegacySettings(config));
    const ct = c.req.header('content-type');
    const declared = encodingOf(ct, c.req.header('content-encoding'));
    const auth = await authorizeLegacy(db, settings, c.req.header('authorization'), clientIp(c), clock);
    if (!auth.ok) {
      log.warn({ path: c.req.path, status: auth.status, ip: clientIp(c), requestId: c.get('requestId') }, auth.message);
      const r = errorReply(guess, auth.status, auth.message, declared !== undefined);
      if (auth.challenge) r.headers['www-authenticate'] = `Basic realm="${LEGACY_REALM}"`;
      return r;
    }
    try {
      const raw = await readBodyLimited(c.req.raw, limit);
      if (raw.length === 0) return errorReply(guess, 400, 'empty request body', declared !== undefined);
      const body = await decompress(raw, declared, limit, true);
      return { body, compressed: body !== raw };
    } catch (e) {
      if (e instanceof DomainError) return errorReply(guess, e.status, e.message, declared !== undefined);
      throw e;
    }
  }

  async function glpiEndpoint(c: Context<AppEnv>): Promise<Response> {
    const got = await intake(c, glpiGuess(c));
    if ('status' in got) return send(c, got);
    const { body, compressed } = got;
    const first = body.subarray(0, 64).toString('latin1').trimStart()[0];
    try {
      if (first === '{') return send(c, await glpiJson(c, body));
      return send(c, await fusionXml(c, body, compressed));
    } catch (e) {
      if (e instanceof DomainError) return send(c, errorReply(first === '{' ? 'glpi-json' : 'fusion-xml', e.status, e.message, compressed));
      throw e;
    }
  }

  async function glpiJson(c: Context<AppEnv>, body: Buffer): Promise<Reply> {
    let doc: unknown;
    try {
      doc = parseJsonText(body.toString('utf8'), 'the document');
    } catch (e) {
      return replies.glpiError(400, (e as Error).message);
    }
    const action = (str(obj(doc).action) ?? str(obj(doc).query) ?? 'inventory').toLowerCase();
    switch (action) {
      case 'contact':
        // Only the inventory task is served; the agent skips the others.
        return replies.glpiOk({ tasks: { inventory: { server: 'glpi', version: 'parc' } } });
      case 'inventory':
        return ingestMapped(c, 'glpi-json', mapGlpiJson(doc), false);
      case 'netinventory':
      case 'netdiscovery':
      case 'esx': {
        const refused = unsupportedItemtype(action === 'esx' ? 'ESX host' : 'network device');
        return ingestMapped(c, 'glpi-json', refused, false);
      }
      default:
        return replies.glpiError(400, `Parc does not handle the "${action.slice(0, 40)}" action; only contact and inventory`);
    }
  }

  async function fusionXml(c: Context<AppEnv>, body: Buffer, compressed: boolean): Promise<Reply> {
    const request = obj(parseXmlSafe(body).REQUEST);
    const query = (str(request.QUERY) ?? '').toUpperCase();
    switch (query) {
      case 'PROLOG':
        return replies.fusionProlog(compressed);
      case 'INVENTORY':
        return ingestMapped(c, 'fusion-xml', mapFusionXml(request), compressed);
      case 'SNMPQUERY':
      case 'SNMP':
      case 'NETDISCOVERY':
        return ingestMapped(c, 'fusion-xml', unsupportedItemtype('network device'), compressed);
      default:
        return replies.fusionError(400, query ? `Parc does not handle the ${query.slice(0, 40)} query; only PROLOG and INVENTORY` : 'not a <REQUEST> with a <QUERY>', compressed);
    }
  }

  async function ocsEndpoint(c: Context<AppEnv>): Promise<Response> {
    const got = await intake(c, 'ocs');
    if ('status' in got) return send(c, got);
    try {
      const request = obj(parseXmlSafe(got.body).REQUEST);
      const query = (str(request.QUERY) ?? '').toUpperCase();
      if (query === 'PROLOG') return send(c, replies.ocsProlog());
      if (query === 'INVENTORY') return send(c, await ingestMapped(c, 'ocs', mapOcsXml(request), true));
      return send(c, replies.ocsError(400, query ? `Parc does not handle the ${query.slice(0, 40)} query; only PROLOG and INVENTORY` : 'not a <REQUEST> with a <QUERY>'));
    } catch (e) {
      if (e instanceof DomainError) return send(c, replies.ocsError(e.status, e.message));
      throw e;
    }
  }

  /**
   * Burst protection, in the protocol's words. None of these agents reads Retry-After: GLPI Agent and
   * FusionInventory treat any failed answer as a failed run and try again after their own backoff (60 s,
   * doubling up to their delaytime), OCS agents at their next scheduled run. 503 is the status each logs as
   * "server unavailable" and retries; the Retry-After is still sent for proxies and the curious.
   */
  const admitted =
    (guessOf: (c: Context<AppEnv>) => Protocol, handler: (c: Context<AppEnv>) => Promise<Response>) =>
    async (c: Context<AppEnv>): Promise<Response> => {
      try {
        return await admission.run(() => handler(c));
      } catch (e) {
        if (!(e instanceof ServerBusyError)) throw e;
        const compressed = encodingOf(c.req.header('content-type'), c.req.header('content-encoding')) !== undefined;
        const r = errorReply(guessOf(c), 503, e.message, compressed);
        r.headers['retry-after'] = String(e.retryAfterSeconds);
        return send(c, r);
      }
    };
  const glpiGuess = (c: Context<AppEnv>): Protocol =>
    (c.req.header('content-type') ?? '').toLowerCase().includes('json') || c.req.header('glpi-agent-id') ? 'glpi-json' : 'fusion-xml';

  app.post('/', admitted(glpiGuess, glpiEndpoint));
  app.post('/front/inventory.php', admitted(glpiGuess, glpiEndpoint));
  app.post('/ocsinventory', admitted(() => 'ocs', ocsEndpoint));
  app.post('/ocsinventory/', admitted(() => 'ocs', ocsEndpoint));

  if (opts.api) registerLegacySettingsRoutes(opts.api, deps);
}

function registerLegacySettingsRoutes(api: ApiBuilder, { db, config, log, clock = systemClock }: AppDeps) {
  const view = async () => {
    const stored = await loadLegacySettings(db);
    const env = envLegacySettings(config);
    const { enabled, allowedCidrs } = mergeLegacySettings(stored, env);
    return { ...stored, fromEnvironment: env, effective: { enabled, allowedCidrs } };
  };
  api.route(
    {
      method: 'get',
      path: '/api/v1/settings/legacy-inventory',
      tag: 'settings',
      summary: 'Legacy agent inventory settings',
      description: 'Whether GLPI Agent, FusionInventory and OCS Inventory agents may post inventories, and from which networks without credentials. `effective` merges the stored value with the environment (PARC_LEGACY_INVENTORY, PARC_LEGACY_ALLOWED_CIDRS).',
      access: ROLE_SETS.admins,
      responses: { 200: { description: 'Settings', schema: legacySettingsResponseSchema } },
    },
    async (c) => c.json(await view()),
  );
  api.route(
    {
      method: 'put',
      path: '/api/v1/settings/legacy-inventory',
      tag: 'settings',
      summary: 'Change legacy agent inventory settings',
      description: 'Agents then authenticate with HTTP basic auth (realm "Parc", any user, an enrollment token as password), or not at all from `allowedCidrs`.',
      access: ROLE_SETS.admins,
      body: legacySettingsSchema,
      responses: { 200: { description: 'Settings', schema: legacySettingsResponseSchema } },
    },
    async (c, { body, user }) => {
      await db.transaction().execute(async (tx) => {
        await saveLegacySettings(tx, body, clock.now());
        await recordAudit(tx, { actor: auditActor(c), action: 'settings.changed', target: { type: 'settings', id: 'legacy-inventory' }, detail: { changed: body } });
      });
      log.info({ by: user?.username, enabled: body.enabled, allowedCidrs: body.allowedCidrs }, 'legacy inventory settings changed');
      return c.json(await view());
    },
  );
}
