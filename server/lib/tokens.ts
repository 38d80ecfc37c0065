import crypto from 'node:crypto';

/** A URL-safe secret with 256 bits of randomness. */
export function newSecret(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Secrets are stored hashed, so a leaked table does not let anyone in. */
export function hashSecret(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}
