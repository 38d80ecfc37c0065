// Sealing help-desk text at rest: AES-256-GCM from node:crypto, a random 96-bit IV per value,
// the row and field as additional data (a sealed note cannot be moved to another case), and a
// version and key id in front, so a value sealed with another key fails with a clear error
// and a later key rotation can tell old values from new ones.
//
//   v1.<key id>.<iv>.<tag>.<ciphertext>      (base64url parts)
import crypto from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SealedValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedValueError';
  }
}

export class HelpCipher {
  readonly keyId: string;
  readonly #key: Buffer;

  private constructor(key: Buffer) {
    this.#key = key;
    this.keyId = crypto.createHash('sha256').update(key).digest('hex').slice(0, 8);
  }

  /** From HELP_DESK_KEY: any string of 32+ characters, stretched to 256 bits with HKDF. */
  static fromSecret(secret: string): HelpCipher {
    if (secret.length < 32) throw new RangeError('The help-desk key must be at least 32 characters long.');
    const key = Buffer.from(crypto.hkdfSync('sha256', secret, 'kaifong-help-desk', 'aes-256-gcm v1', 32));
    return new HelpCipher(key);
  }

  /** `context` names what the value is (e.g. "help-note:<case id>"); open needs the same. */
  seal(plaintext: string, context: string): string {
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.keyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  open(sealed: string, context: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new SealedValueError('This value is not sealed in a format this version reads.');
    const [, keyId, iv, tag, body] = parts as [string, string, string, string, string];
    if (keyId !== this.keyId) {
      throw new SealedValueError(`This value was sealed with another help-desk key (id ${keyId}, current ${this.keyId}).`);
    }
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SealedValueError('This value could not be opened: it was changed, or belongs to another record.');
    }
  }

  /** open for nullable columns. */
  openOrNull(sealed: string | null, context: string): string | null {
    return sealed === null ? null : this.open(sealed, context);
  }
}

/** Additional data for each sealed field: the case id and what the value is. */
export const sealContext = {
  question: (requestId: string) => `help-request:${requestId}:question`,
  contact: (requestId: string) => `help-request:${requestId}:contact`,
  trackToken: (requestId: string) => `help-request:${requestId}:track-token`,
  feedback: (requestId: string) => `help-request:${requestId}:feedback`,
  note: (requestId: string, noteId: string) => `help-note:${requestId}:${noteId}`,
  message: (requestId: string, messageId: string) => `help-message:${requestId}:${messageId}`,
};
