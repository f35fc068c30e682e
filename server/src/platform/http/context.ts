import type { Role } from '../db/schema.js';

export interface AuthUser {
  id: number;
  username: string;
  role: Role;
  displayName: string | null;
  /** Set when the request authenticated with a personal API token rather than a session. */
  apiToken?: { id: number; scopes: readonly string[] } | undefined;
}

/** Hono's typed context: what middleware puts on a request. */
export interface AppEnv {
  Variables: {
    user: AuthUser | undefined;
    requestId: string;
    /** The client's address (see client-address.ts); undefined when it cannot be known (tests). */
    clientAddress: string | undefined;
  };
}
