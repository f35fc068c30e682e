import type { Capabilities } from './roles.js';
import type { Route } from './routes.js';

/**
 * Which screens a role may open, from the same capabilities the navigation uses, so a person typing
 * `#/devices` as a requester gets a page saying it is not for their role rather than the API's refusal.
 * Screens not listed are open to everyone signed in. Pure: tested in server/test/ui.
 */
const NEEDS: Partial<Record<Route['name'], keyof Capabilities>> = {
  devices: 'seeDevices',
  device: 'seeDevices',
  'device-new': 'editDevices',
  'asset-import': 'editDevices',
  statistics: 'workTickets',
  // Problems and changes are the helpdesk's: requesters never see them (they see a problem's workaround on their ticket).
  problems: 'workTickets',
  'problem-new': 'workTickets',
  problem: 'workTickets',
  changes: 'workTickets',
  'change-new': 'workTickets',
  change: 'workTickets',
  approvals: 'approve',
  tokens: 'administer',
  admin: 'administer',
  compliance: 'seeLicences',
  'compliance-product': 'seeLicences',
  software: 'seeLicences',
  'software-product': 'seeLicences',
  'software-rules': 'seeLicences',
  licences: 'seeLicences',
  'licence-edit': 'manageLicences',
  'licence-import': 'manageLicences',
  // Maintenance contracts: the three staff roles read and write them.
  contracts: 'seeLicences',
  contract: 'seeLicences',
};

export function mayOpen(route: Route['name'], can: Capabilities): boolean {
  const need = NEEDS[route];
  return need === undefined || can[need];
}
