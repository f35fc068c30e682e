import admin from './admin.js';
import adminAgents from './admin-agents.js';
import adminCalendars from './admin-calendars.js';
import adminCategories from './admin-categories.js';
import adminConflicts from './admin-conflicts.js';
import adminDeliveries from './admin-deliveries.js';
import adminGroups from './admin-groups.js';
import adminHelpdesk from './admin-helpdesk.js';
import adminLegacy from './admin-legacy.js';
import adminRules from './admin-rules.js';
import adminLocations from './admin-locations.js';
import adminStates from './admin-states.js';
import adminSla from './admin-sla.js';
import adminUsers from './admin-users.js';
import adminWebhooks from './admin-webhooks.js';
import adminAudit from './admin-audit.js';
import apiTokens from './api-tokens.js';
import assetRegister from './asset-register.js';
import assetImport from './asset-import.js';
import assets from './assets.js';
import changes from './changes.js';
import common from './common.js';
import compliance from './compliance.js';
import device from './device.js';
import devices from './devices.js';
import errors from './errors.js';
import format from './format.js';
import home from './home.js';
import licences from './licences.js';
import login from './login.js';
import notFound from './not-found.js';
import shell from './shell.js';
import software from './software.js';
import softwareRules from './software-rules.js';
import statistics from './statistics.js';
import ticket from './ticket.js';
import ticketNew from './ticket-new.js';
import tickets from './tickets.js';
import tokens from './tokens.js';
import placement from './placement.js';
import assetFinance from './asset-finance.js';
import contracts from './contracts.js';
import interventions from './interventions.js';
import itil from './itil.js';

/**
 * Every area's messages. A new page adds its file here (an import and an entry in the list); its keys
 * then exist for `t()` and are checked by server/test/ui/i18n-catalogues.test.ts (same keys and
 * arguments in both languages, every key used, every used key defined).
 */
export const AREAS = [
  common,
  shell,
  errors,
  format,
  login,
  notFound,
  home,
  tickets,
  ticket,
  ticketNew,
  devices,
  assets,
  device,
  placement,
  assetImport,
  changes,
  assetRegister,
  statistics,
  tokens,
  admin,
  adminUsers,
  adminGroups,
  adminCategories,
  adminLocations,
  adminStates,
  adminCalendars,
  adminSla,
  adminRules,
  adminHelpdesk,
  adminWebhooks,
  adminLegacy,
  adminConflicts,
  adminAgents,
  adminAudit,
  apiTokens,
  adminDeliveries,
  compliance,
  licences,
  software,
  softwareRules,
  assetFinance,
  contracts,
  interventions,
  itil,
] as const;

type Area = (typeof AREAS)[number];
type Intersect<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The English catalogue's type: every key with its literal text (so `t()` can read its arguments). */
export type Messages = Intersect<Area['en']>;
export type MessageKey = keyof Messages & string;
export type Catalogue = Record<MessageKey, string>;

const merge = (pick: (a: Area) => Record<string, string>) => Object.assign({}, ...AREAS.map(pick)) as Catalogue;

export const CATALOGUES = { en: merge((a) => a.en), fr: merge((a) => a.fr) } as const;
