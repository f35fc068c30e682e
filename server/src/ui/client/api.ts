import { buildQuery, type QueryValue } from './query.js';

/**
 * Calls to Parc's API from the browser. The session is the httpOnly cookie set at login (same origin),
 * so no token is ever handled here. Errors keep the API's `{ code, message, field }` so forms can point
 * at the field the server named.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** What the server adds to some errors (a 409's `deviceId` of the asset already holding a serial). */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Set by the app: what to do when the session has ended (send the person to the login screen). */
let onUnauthorized: () => void = () => {};
export function whenUnauthorized(fn: () => void): void {
  onUnauthorized = fn;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection and try again.');
  }
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; field?: string; details?: unknown } } | null)?.error;
    // The login form handles its own 401 (wrong password); anywhere else it means the session is over.
    if (res.status === 401 && path !== '/api/v1/auth/login') onUnauthorized();
    throw new ApiError(res.status, err?.code ?? 'http_error', err?.message ?? `The server answered ${res.status}.`, err?.field, err?.details);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query: Readonly<Record<string, QueryValue>> = {}) => request<T>('GET', `${path}${buildQuery(query)}`),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  /** A body only where the API takes one (removing several assets from a contract). */
  delete: <T = void>(path: string, body?: unknown) => request<T>('DELETE', path, body),
};
