import { api, ApiError } from './api.js';
import { capabilitiesOf, type Capabilities } from './roles.js';
import type { LoginBody, LoginResponse } from '@parc/shared/api';
import type { User } from './types.js';

/** Who is logged in, asked of the server (the cookie is httpOnly, so the page cannot read it). */
export interface Session {
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
