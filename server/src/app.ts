import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { sql } from 'kysely';
import { sessionMiddleware } from './platform/auth/auth.middleware.js';
import { registerAssignmentRuleRoutes } from './helpdesk/assignment/assignment-rules.routes.js';
import { registerAuthRoutes } from './platform/auth/auth.routes.js';
import { registerApiTokenRoutes } from './platform/auth/api-tokens.routes.js';
import { registerAuditRoutes } from './platform/audit/audit.routes.js';
import { registerDeviceRoutes } from './inventory/devices/devices.routes.js';
import { registerAssetRegisterRoutes } from './assets/register/register.routes.js';
import { registerLocationRoutes } from './assets/locations/locations.routes.js';
import { registerAssetStateRoutes } from './assets/states/asset-states.routes.js';
import { registerCheckoutRoutes } from './assets/checkouts/checkouts.routes.js';
import { locationPaths } from './assets/locations/locations.service.js';
import { applyPlacement } from './assets/placement/placement.service.js';
import { registerDownloadRoutes } from './inventory/downloads/downloads.routes.js';
import { registerConflictRoutes } from './inventory/conflicts/conflicts.routes.js';
import { registerEnrollmentRoutes } from './inventory/enrollment/enrollment.routes.js';
import { registerGroupRoutes } from './helpdesk/groups/groups.routes.js';
import { registerCategoryRoutes } from './helpdesk/categories/categories.routes.js';
import { registerCalendarRoutes } from './helpdesk/sla/calendars.routes.js';
import { registerSlaPolicyRoutes } from './helpdesk/sla/sla-policies.routes.js';
import { registerWebhookRoutes } from './helpdesk/webhooks/webhooks.routes.js';
import { registerDeliveryRoutes } from './helpdesk/notifications/deliveries.routes.js';
import { registerHelpdeskSettingsRoutes } from './helpdesk/settings/helpdesk-settings.routes.js';
import { ApiBuilder } from './platform/http/api-builder.js';
import { Admission, ingestAdmissionLimits } from './platform/http/admission.js';
import type { AppEnv } from './platform/http/context.js';
import { DomainError, errorBody, sendError } from './platform/http/errors.js';
import { REFERENCE_CSP, referencePage, referenceScript } from './platform/http/reference-page.js';
import { securityHeaders } from './platform/http/security-headers.js';
import { clientAddressMiddleware } from './platform/http/client-address.js';
import { registerIngestRoutes } from './inventory/ingest/ingest.routes.js';
import { registerLegacyRoutes } from './inventory/legacy/legacy.routes.js';
import { registerTicketRoutes } from './helpdesk/tickets/tickets.routes.js';
import { registerApprovalRoutes } from './helpdesk/approvals/approvals.routes.js';
import { registerChangeRoutes } from './helpdesk/changes/changes.routes.js';
import { registerProblemRoutes } from './helpdesk/problems/problems.routes.js';
import { moveTicketDeviceLinks } from './helpdesk/tickets/ticket-devices-merge.repository.js';
import { moveLicenceDeviceAllocations } from './licences/licence-allocations-merge.repository.js';
import { registerUiRoutes } from './ui/ui.routes.js';
import { registerCatalogueRoutes } from './inventory/software/catalogue.routes.js';
import { registerSoftwareRuleRoutes } from './inventory/software/software-rules.routes.js';
import { registerLicenceRoutes } from './licences/licences.routes.js';
import { registerComplianceRoutes } from './licences/compliance.routes.js';
import { registerFleetRoutes } from './inventory/fleet/fleet.routes.js';
import { registerAssetSearchRoutes } from './assets/search/search.routes.js';
import { registerHelpdeskHomeRoutes } from './helpdesk/home/home.routes.js';
import { registerFinanceMaintenanceRoutes } from './assets/finance-maintenance.routes.js';
import { registerAssetImportRoutes } from './assets/import/asset-import.routes.js';
import { VERSION, type AppDeps } from './platform/app-deps.js';

export type { AppDeps };
export { VERSION };

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const { log } = deps;

  app.use(async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 64) || randomUUID();
    c.set('requestId', requestId);
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    await next();
    const ms = Math.round(performance.now() - started);
    // Health checks every few seconds would drown the log.
    if (c.req.path !== '/healthz') {
      log.info({ requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms }, 'request');
    }
  });
  app.use(securityHeaders());
  app.use(clientAddressMiddleware({ trustedProxies: deps.config.PARC_TRUSTED_PROXIES, peer: deps.peerAddress }));
  app.use(sessionMiddleware(deps.db, { publicUrl: deps.config.PARC_PUBLIC_URL, clock: deps.clock }));

  app.onError((err, c) => {
    if (err instanceof DomainError) return sendError(c, err);
    log.error({ err, requestId: c.get('requestId'), path: c.req.path }, 'unhandled error; this is a bug: report it with the request id');
    return c.json(errorBody('internal_error', `internal error; request id ${c.get('requestId')}`), 500);
  });
  app.notFound((c) => c.json(errorBody('not_found', `no route ${c.req.method} ${c.req.path}`), 404));

  app.get('/healthz', async (c) => {
    try {
      await sql`select 1`.execute(deps.db);
      return c.json({ status: 'ok', version: VERSION });
    } catch (err) {
      log.error({ err }, 'health check: database unreachable; check DATABASE_URL or the data folder');
      return c.json({ status: 'unavailable', version: VERSION, reason: 'database unreachable' }, 503);
    }
  });

  const api = new ApiBuilder(app, { maxBodyBytes: deps.config.PARC_MAX_JSON_BYTES });
  registerAuthRoutes(api, deps);
  registerApiTokenRoutes(api, deps);
  registerAuditRoutes(api, deps);
  registerEnrollmentRoutes(api, deps);
  // One admission control for every route that ingests inventories: they share the database's connections.
  let warnedAt = -Infinity;
  const ingestAdmission = new Admission(ingestAdmissionLimits(deps.config), {
    onReject: (counters, retryAfterSeconds) => {
      // One line per 10 s: a burst turns away thousands of agents, each told when to come back.
      if (performance.now() - warnedAt < 10_000) return;
      warnedAt = performance.now();
      log.warn(
        { ...counters, retryAfterSeconds },
        'ingest at capacity: agents are told to send again later (429, legacy agents 503, with Retry-After); nothing is lost. If it lasts, add server processes or database capacity, or raise PARC_INGEST_CONCURRENCY with the connection pool',
      );
    },
  });
  registerIngestRoutes(api, deps, { admission: ingestAdmission });
  registerDeviceRoutes(api, deps, { movers: { ticketLinks: moveTicketDeviceLinks, licenceAllocations: moveLicenceDeviceAllocations }, placement: { locationPaths, apply: applyPlacement } });
  registerAssetRegisterRoutes(api, deps);
  registerLocationRoutes(api, deps);
  registerAssetStateRoutes(api, deps);
  registerCheckoutRoutes(api, deps);
  registerConflictRoutes(api, deps);
  registerDownloadRoutes(api, deps);
  registerGroupRoutes(api, deps);
  registerTicketRoutes(api, deps);
  registerApprovalRoutes(api, deps);
  registerProblemRoutes(api, deps);
  registerChangeRoutes(api, deps);
  registerLegacyRoutes(app, deps, { api, admission: ingestAdmission });
  registerCategoryRoutes(api, deps);
  registerCalendarRoutes(api, deps);
  registerSlaPolicyRoutes(api, deps);
  registerHelpdeskSettingsRoutes(api, deps);
  registerAssignmentRuleRoutes(api, deps);
  registerWebhookRoutes(api, deps);
  registerDeliveryRoutes(api, deps);
  registerCatalogueRoutes(api, deps);
  registerSoftwareRuleRoutes(api, deps);
  registerLicenceRoutes(api, deps);
  registerComplianceRoutes(api, deps);
  registerFleetRoutes(api, deps);
  registerAssetSearchRoutes(api, deps);
  registerHelpdeskHomeRoutes(api, deps);
  registerFinanceMaintenanceRoutes(api, deps);
  registerAssetImportRoutes(api, deps);

  const openapi = api.openApiDocument({ title: 'Parc API', version: VERSION });
  app.get('/api/openapi.json', (c) => c.json(openapi));
  const docsScript = referenceScript('/api/openapi.json');
  app.get('/api/docs', (c) => {
    c.header('Content-Security-Policy', REFERENCE_CSP);
    return c.html(referencePage('/api/openapi.json', '/api/docs/reference.js'));
  });
  app.get('/api/docs/reference.js', (c) => c.body(docsScript, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  registerUiRoutes(app, deps);

  return app;
}
