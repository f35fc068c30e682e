import type { AppDeps } from '../platform/app-deps.js';
import type { ApiBuilder } from '../platform/http/api-builder.js';
import { registerContractRoutes } from './contracts/contracts.routes.js';
import { registerFinanceRoutes } from './finance/finance.routes.js';
import { registerInterventionRoutes } from './interventions/interventions.routes.js';

/** Finance and warranty, maintenance contracts and interventions (one registration for app.ts). */
export function registerFinanceMaintenanceRoutes(api: ApiBuilder, deps: AppDeps) {
  registerFinanceRoutes(api, deps);
  registerContractRoutes(api, deps);
  registerInterventionRoutes(api, deps);
}
