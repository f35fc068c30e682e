import si from 'systeminformation';
import type { Systeminformation } from 'systeminformation';
import type { InventoryUser } from '@parc/shared';
import { clean } from '../../util/clean.js';
import type { CollectorContext } from '../types.js';

/** One entry per logged-in account (a user with five terminals is one user); `DOMAIN\user` is split. */
export function mapUsers(sessions: Array<Partial<Systeminformation.UserData>>): InventoryUser[] {
  const seen = new Map<string, InventoryUser>();
  for (const s of sessions) {
    const raw = clean(s.user, 512);
    if (!raw) continue;
    const [domain, username] = raw.includes('\\') ? raw.split('\\', 2) : [undefined, raw];
    const name = clean(username, 256);
    if (!name) continue;
    const key = `${domain ?? ''}\\${name}`.toLowerCase();
    if (!seen.has(key)) seen.set(key, { username: name, domain: clean(domain, 256), type: 'logged-in' });
  }
  return [...seen.values()];
}

export async function collectUsers(_ctx: CollectorContext): Promise<InventoryUser[]> {
  return mapUsers(await si.users());
}
