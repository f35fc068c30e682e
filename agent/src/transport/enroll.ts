import { apiErrorSchema, enrollResponseSchema } from '@parc/shared';
import type { EnrollRequest, EnrollResponse } from '@parc/shared';
import type { HttpClient } from './client.js';

export const ENROLL_PATH = 'api/v1/agent/enroll';

export class EnrollError extends Error {
  constructor(
    message: string,
    readonly kind: 'bad_token' | 'refused' | 'bad_response',
  ) {
    super(message);
    this.name = 'EnrollError';
  }
}

/** One attempt, no retries: enrollment is interactive and the admin wants the verdict now. */
export async function enroll(client: HttpClient, request: EnrollRequest): Promise<EnrollResponse> {
  const res = await client.post(ENROLL_PATH, Buffer.from(JSON.stringify(request)), {
    'Content-Type': 'application/json',
  });
  if (res.status >= 200 && res.status < 300) {
    const parsed = enrollResponseSchema.safeParse(res.json);
    if (!parsed.success) throw new EnrollError('the server answered enrollment with an unexpected body (is this a Parc server?)', 'bad_response');
    return parsed.data;
  }
  const err = apiErrorSchema.safeParse(res.json);
  const detail = err.success ? `${err.data.error.code}: ${err.data.error.message}` : `HTTP ${res.status}`;
  if (res.status === 401 || res.status === 403) {
    throw new EnrollError(`enrollment token refused by the server (${detail})`, 'bad_token');
  }
  throw new EnrollError(`enrollment failed (${detail})`, 'refused');
}
