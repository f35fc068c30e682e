import type { AssetFilterOptions, AssetTotals } from '@parc/shared/api';
import type { Db } from '../../platform/db/database.js';
import { assertKnownStates, type DeviceFiltersQuery } from '../../inventory/devices/devices.exports.js';
import { pathTexts } from '../locations/location-tree.js';
import { locationNodes } from '../locations/locations.repository.js';
import * as repo from './search.repository.js';
import { foldStates, foldTypes, rollUpLocations } from './totals.js';

export async function assetTotals(db: Db, q: DeviceFiltersQuery, now: Date, staleDays: number): Promise<AssetTotals> {
  await assertKnownStates(db, q.state);
  const [counts, states, locations] = await Promise.all([repo.groupedCounts(db, q, now, staleDays), repo.assetStates(db), locationNodes(db)]);
  return {
    total: counts.types.reduce((a, r) => a + r.n, 0),
    byType: foldTypes(counts.types),
    byState: foldStates(states, counts.states),
    ...rollUpLocations(locations, counts.locations),
  };
}

export async function filterOptions(db: Db): Promise<AssetFilterOptions> {
  const [locations, states, users, contracts] = await Promise.all([locationNodes(db), repo.assetStates(db), repo.assignedUsers(db), repo.contracts(db)]);
  const path = pathTexts(locations);
  return {
    locations: locations.map((l) => ({ id: l.id, path: path.get(l.id)! })).sort((a, b) => a.path.localeCompare(b.path) || a.id - b.id),
    states,
    users: users.map((u) => ({ id: u.id, name: u.display_name ?? u.username })),
    contracts,
  };
}
