import { z } from 'zod';
import { apiErrorSchema, inventoryResponseSchema, inventorySchema, parseInventoryLenient, systemClock } from '@parc/shared';
import type { AppDeps } from '../../platform/app-deps.js';
import { authenticateAgent } from '../enrollment/enrollment.service.js';
import { Admission, ingestAdmissionLimits } from '../../platform/http/admission.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { decompress, readBodyLimited } from '../../platform/http/body.js';
import { ValidationError } from '../../platform/http/errors.js';
import { parseJsonText } from '../../platform/http/json-text.js';
import { jsonMayHoldBadText, stripNul } from '../../platform/http/nul.js';
import { ingestInventory } from './ingest.service.js';
import { rejectionReason } from './upload-rejections.js';
import { recordUploadRejection } from './upload-rejections.repository.js';

export function registerIngestRoutes(api: ApiBuilder, { db, log, config, clock = systemClock }: AppDeps, opts: { admission?: Admission } = {}) {
  const admission = opts.admission ?? new Admission(ingestAdmissionLimits(config));
  api.route(
    {
      method: 'post',
      path: '/api/v1/agent/inventory',
      tag: 'agent',
      summary: 'Upload an inventory',
      description:
        'Authorization: Bearer <agentKey>. JSON, plain or with Content-Encoding: gzip. Invalid optional values are dropped and listed in `warnings`; only a missing or invalid required field rejects the upload (400 naming it). An unknown or revoked key gets 401 with code `reenroll_required`. When more agents send than the database can take, the upload is refused unread with 429 and a Retry-After (seconds, spread by the server): send it again after that wait.',
      access: 'public',
      credential: 'agent-key',
      rawBody: { contentType: 'application/json', schema: inventorySchema },
      responses: {
        200: { description: 'Ingested', schema: inventoryResponseSchema },
        413: { description: 'Body too large', schema: z.unknown() },
        429: { description: 'Server busy: send again after Retry-After seconds', schema: apiErrorSchema },
      },
    },
    async (c) =>
      // Admitted before the body is read: a burst of agents must not hold their bodies in memory while they wait.
      admission.run(() => countingRejections(async () => {
      const agent = await authenticateAgent(db, c.req.header('authorization'));
      const limit = config.PARC_MAX_BODY_BYTES;
      const raw = await readBodyLimited(c.req.raw, limit);
      const body = await decompress(raw, c.req.header('content-encoding'), limit);
      // NULs are stripped, not refused: agents report what the machine holds, and Postgres text cannot store them.
      const text = body.toString('utf8');
      // Malformed or absurdly nested JSON is a 400 naming the body.
      const json = parseJsonText(text, 'inventory');
      const parsed = parseInventoryLenient(jsonMayHoldBadText(text) ? stripNul(json) : json);
      if (!parsed.ok) {
        throw new ValidationError(`inventory rejected: "${parsed.field}" ${parsed.message}`, parsed.field);
      }
      return c.json(await ingestInventory({ db, log, clock }, parsed.inventory, { agentId: agent.id, hasDevice: agent.device_id !== null }, parsed.warnings));
      })),
  );

  /** A refused upload is counted by reason for the admin's home; counting never changes the answer. */
  async function countingRejections(handle: () => Promise<Response>): Promise<Response> {
    try {
      return await handle();
    } catch (err) {
      const reason = rejectionReason(err);
      if (reason !== null) {
        await recordUploadRejection(db, reason, clock.now()).catch((e: unknown) =>
          log.warn({ err: e, reason }, 'an upload rejection could not be counted: the home page under-reports rejected uploads until the database answers again'),
        );
      }
      throw err;
    }
  }
}
