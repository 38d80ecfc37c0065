// Opaque cursors for keyset pagination: base64url of a small JSON array.
import { badRequest } from '../errors.ts';

export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, shape: readonly ('string' | 'number')[]): (string | number)[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('The cursor is not valid: use the nextCursor of a previous page.', { field: 'cursor' });
  }
  if (!Array.isArray(values) || values.length !== shape.length || values.some((value, i) => typeof value !== shape[i])) {
    throw badRequest('The cursor is not valid: use the nextCursor of a previous page.', { field: 'cursor' });
  }
  return values as (string | number)[];
}
