// Opaque cursors for keyset pagination: base64url of a small JSON array.
import { badRequest } from '../errors.ts';

/** 'uuid' and 'date' are strings checked before they reach SQL, so a doctored cursor is a 400, not a 500. */
export type CursorPart = 'string' | 'number' | 'uuid' | 'date';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An ISO 8601 instant with a four-digit year: what toISOString writes, and within Postgres' range. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

function fits(value: unknown, part: CursorPart): boolean {
  // Numbers are offsets: a negative, fractional or huge one would reach SQL's OFFSET.
  if (part === 'number') return Number.isSafeInteger(value) && (value as number) >= 0;
  if (typeof value !== 'string') return false;
  if (part === 'uuid') return UUID.test(value);
  if (part === 'date') return INSTANT.test(value) && !Number.isNaN(new Date(value).getTime());
  return true;
}

export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, shape: readonly CursorPart[]): (string | number)[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('The cursor is not valid: use the nextCursor of a previous page.', { field: 'cursor' });
  }
  if (!Array.isArray(values) || values.length !== shape.length || values.some((value, i) => !fits(value, shape[i]!))) {
    throw badRequest('The cursor is not valid: use the nextCursor of a previous page.', { field: 'cursor' });
  }
  return values as (string | number)[];
}
