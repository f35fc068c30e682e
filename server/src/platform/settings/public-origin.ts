import { z } from 'zod';
import type { Db } from '../db/database.js';
import { loadSetting, saveSetting } from './settings.repository.js';

/**
 * The address people reach Parc at, as last seen by a signed-in admin or technician opening the app:
 * what notification emails link to when PARC_PUBLIC_URL is not set (a dispatcher has no request to
 * read it from). PARC_PUBLIC_URL, when set, always wins and nothing is remembered.
 */
const KEY = 'public-origin';
const stored = z.object({ url: z.string().url().refine((u) => /^https?:\/\/[^/]+$/.test(u), 'an origin, scheme and host only') });

/**
 * The last origin written per database and when, so opening the app writes only when the address
 * changed. Trusted for a minute only: another server process sharing the database may have stored a
 * different address since, and this one must then write its own again when staff open it through it.
 */
const lastWritten = new WeakMap<Db, { origin: string; at: number }>();
export const PUBLIC_ORIGIN_MEMORY_MS = 60_000;

export async function rememberPublicOrigin(db: Db, origin: string, now: Date): Promise<void> {
  if (!stored.safeParse({ url: origin }).success) return;
  const last = lastWritten.get(db);
  if (last && last.origin === origin && Math.abs(now.getTime() - last.at) < PUBLIC_ORIGIN_MEMORY_MS) return;
  const current = stored.safeParse(await loadSetting(db, KEY));
  if (!current.success || current.data.url !== origin) await saveSetting(db, KEY, { url: origin }, now);
  lastWritten.set(db, { origin, at: now.getTime() });
}

/** The remembered origin, or undefined when no staff member has opened the app yet (or the stored value is not one). */
export async function rememberedPublicOrigin(db: Db): Promise<string | undefined> {
  const parsed = stored.safeParse(await loadSetting(db, KEY));
  return parsed.success ? parsed.data.url : undefined;
}
