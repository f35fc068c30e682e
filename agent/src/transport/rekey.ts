import { apiErrorSchema, enrollResponseSchema } from '@parc/shared';
import type { EnrollResponse } from '@parc/shared';
import type { HttpClient } from './client.js';

export const REKEY_PATH = 'api/v1/agent/rekey';

/** The server answered the rotation, but not with a new key. */
export class KeyRotationError extends Error {
  override name = 'KeyRotationError';
}

/**
 * Asks the server for a new key, authenticated with the current one. The current key keeps working
 * until the new one is first used, so a lost answer only means asking again.
 */
export async function requestNewKey(client: HttpClient, agentKey: string): Promise<EnrollResponse> {
  const res = await client.post(REKEY_PATH, Buffer.alloc(0), { Authorization: `Bearer ${agentKey}` });
  if (res.status >= 200 && res.status < 300) {
    const parsed = enrollResponseSchema.safeParse(res.json);
    if (!parsed.success) throw new KeyRotationError('the server answered the key rotation with an unexpected body');
    return parsed.data;
  }
  const err = apiErrorSchema.safeParse(res.json);
  throw new KeyRotationError(`key rotation refused (${err.success ? `${err.data.error.code}: ${err.data.error.message}` : `HTTP ${res.status}`})`);
}
