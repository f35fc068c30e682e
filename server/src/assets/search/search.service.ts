import type { AssetFilterOptions, AssetTotals } from '@parc/shared/api';
import type { Db } from '../../platform/db/database.js';
import { allLocations, assertKnownStates, indexLocations, type ExportDevicesQuery } from '../../inventory/devices/devices.exports.js';
import * as repo from './search.repository.js';
import { foldStates, foldTypes, rollUpLocations } from './totals.js';

export async function assetTotals(db: Db, q: ExportDevicesQuery, now: Date, staleDays: number): Promise<AssetTotals> {
  await assertKnownStates(db, q.state);
  const [counts, states, locations] = await Promise.all([repo.groupedCounts(db, q, now, staleDays), repo.assetStates(db), allLocations(db)]);
  return {
    total: counts.types.reduce((a, r) => a + r.n, 0),
    byType: foldTypes(counts.types),
    byState: foldStates(states, counts.states),
    ...rollUpLocations(locations, counts.locations),
  };
}

export async function filterOptions(db: Db): Promise<AssetFilterOptions> {
  const [locations, states, users, contracts] = await Promise.all([allLocations(db), repo.assetStates(db), repo.assignedUsers(db), repo.contracts(db)]);
  const { path } = indexLocations(locations);
  return {
    locations: locations.map((l) => ({ id: l.id, path: path.get(l.id)! })).sort((a, b) => a.path.localeCompare(b.path) || a.id - b.id),
    states,
    users: users.map((u) => ({ id: u.id, name: u.display_name ?? u.username })),
    contracts,
  };
}
