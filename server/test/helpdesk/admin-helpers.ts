import type { TestContext } from '../helpers/test-app.js';

export type ErrorBody = { error: { code: string; message: string; field?: string } };
export const body = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;

/** Logs in as each role once and returns their headers. */
export async function roles(t: TestContext) {
  return {
    admin: await t.as('admin'),
    tech: await t.as('technician'),
    lm: await t.as('licence-manager'),
    requester: await t.as('requester'),
  };
}

export async function userId(t: TestContext, username: string): Promise<number> {
  const row = await t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return row.id;
}

/** Sends and expects a status, returning the parsed body (or the error body). */
export async function call<T = Record<string, unknown>>(
  t: TestContext,
  method: string,
  path: string,
  payload: unknown,
  headers: Record<string, string>,
  status: number,
): Promise<T> {
  const res = await t.json(method, path, payload, headers);
  const text = await res.text();
  if (res.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
