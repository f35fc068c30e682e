import { api, ApiError } from './api.js';
import type { Locale } from './i18n/locale-choice.js';
import { capabilitiesOf, type Capabilities } from './roles.js';
import type { LoginBody, LoginResponse, UpdateMeBody } from '@parc/shared/api';
import type { User } from './types.js';

/** Who is logged in, asked of the server (the cookie is httpOnly, so the page cannot read it). */
export interface Session {
  /** As /api/v1/me answers: with the language they chose (null: the browser's). */
  user: User;
  can: Capabilities;
}

let current: Session | null = null;

export const session = () => current;

const toSession = (user: User): Session => ({ user, can: capabilitiesOf(user.role) });

/** The logged-in user, or null when there is no valid session. */
export async function loadSession(): Promise<Session | null> {
  try {
    current = toSession(await api.get<User>('/api/v1/me'));
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) current = null;
    else throw err;
  }
  return current;
}

export async function logIn(username: string, password: string): Promise<Session> {
  const { user } = await api.post<LoginResponse>('/api/v1/auth/login', { username, password } satisfies LoginBody);
  current = toSession(user);
  return current;
}

/** Saves the interface language to the user's profile, so it follows them to any browser. */
export async function saveLocale(locale: Locale): Promise<void> {
  const user = await api.patch<User>('/api/v1/me', { locale } satisfies UpdateMeBody);
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
