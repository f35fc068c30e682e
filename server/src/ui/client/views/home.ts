import type { ViewFn } from '../view.js';
import { fleetHomeView } from './home-fleet.js';
import { requesterHomeView } from './home-requester.js';
import { technicianHomeView } from './home-technician.js';

/**
 * `#/home`: each role's first screen. Admins see the fleet, technicians their queue, requesters their
 * tickets; licence managers start at compliance instead (routes.ts homeHref) and land on their tickets here.
 */
export const homeView: ViewFn = async (ctx) => {
  const role = ctx.session.user.role;
  if (role === 'admin') return fleetHomeView();
  if (role === 'technician') return technicianHomeView(ctx);
  return requesterHomeView();
};
