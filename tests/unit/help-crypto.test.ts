import { describe, expect, it } from 'vitest';
import { HelpCipher, SealedValueError } from '../../server/services/help-crypto.ts';

const KEY = 'a-help-desk-key-of-at-least-thirty-two-characters';

describe('HelpCipher', () => {
  const cipher = HelpCipher.fromSecret(KEY);

  it('round-trips text with a version and key id in front, and a fresh IV every time', () => {
    const text = 'Mi empleador no me paga. 我的僱主沒有付薪金。';
    const first = cipher.seal(text, 'help-note:1:2');
    const second = cipher.seal(text, 'help-note:1:2');
    expect(first).toMatch(new RegExp(`^v1\\.${cipher.keyId}\\.[\\w-]{16}\\.[\\w-]{22}\\.[\\w-]+$`));
    expect(first).not.toBe(second);
    expect(first).not.toContain('empleador');
    expect(cipher.open(first, 'help-note:1:2')).toBe(text);
    expect(cipher.open(second, 'help-note:1:2')).toBe(text);
  });

  it('refuses a value moved to another record, or changed', () => {
    const sealed = cipher.seal('private', 'help-note:case-a:1');
    expect(() => cipher.open(sealed, 'help-note:case-b:1')).toThrow(SealedValueError);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => cipher.open(parts.join('.'), 'help-note:case-a:1')).toThrow(SealedValueError);
  });

  it('names the key a value was sealed with when it is not the current one', () => {
    const other = HelpCipher.fromSecret(`${KEY}-rotated`);
    expect(other.keyId).not.toBe(cipher.keyId);
    expect(() => other.open(cipher.seal('x', 'c'), 'c')).toThrow(/another help-desk key/);
    expect(() => cipher.open('plain text', 'c')).toThrow(/not sealed/);
  });

  it('wants a key of at least 32 characters', () => {
    expect(() => HelpCipher.fromSecret('short')).toThrow(RangeError);
  });
});
