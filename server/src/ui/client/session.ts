import { api, ApiError } from './api.js';
import type { Locale } from './i18n/locale-choice.js';
import { capabilitiesOf, type Capabilities } from './roles.js';
import type { User } from './types.js';

/** The logged-in user as /api/v1/me answers: with the language they chose (null: the browser's). */
export type Me = User & { locale: Locale | null };

/** Who is logged in, asked of the server (the cookie is httpOnly, so the page cannot read it). */
export interface Session {
  user: Me;
  can: Capabilities;
}

let current: Session | null = null;

export const session = () => current;

const toSession = (user: Me): Session => ({ user, can: capabilitiesOf(user.role) });

/** The logged-in user, or null when there is no valid session. */
export async function loadSession(): Promise<Session | null> {
  try {
    current = toSession(await api.get<Me>('/api/v1/me'));
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) current = null;
    else throw err;
  }
  return current;
}

export async function logIn(username: string, password: string): Promise<Session> {
  const { user } = await api.post<{ user: Me }>('/api/v1/auth/login', { username, password });
  current = toSession(user);
  return current;
}

/** Saves the interface language to the user's profile, so it follows them to any browser. */
export async function saveLocale(locale: Locale): Promise<void> {
  const user = await api.patch<Me>('/api/v1/me', { locale });
  if (current) current = toSession(user);
}

export async function logOut(): Promise<void> {
  try {
    await api.post('/api/v1/auth/logout');
  } finally {
    current = null;
  }
}

export function forgetSession(): void {
  current = null;
}
