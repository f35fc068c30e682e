import { createHash, randomBytes } from 'node:crypto';

/** Random bearer secrets with a readable prefix (so a leaked one is recognisable in a scanner). */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

/** Secrets are high-entropy, so a fast hash is enough; only the hash is stored. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
