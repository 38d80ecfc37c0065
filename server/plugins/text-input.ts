// Text Postgres cannot store: a NUL character anywhere in a path parameter, query string or body
// is a 400 naming the field, before it reaches a query (where it would be a 500).
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { badRequest } from '../errors.ts';

/** The path to the first string (or key) holding a NUL character, if any. */
function pathToNul(value: unknown, path: string[]): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key.replaceAll('\u0000', '\\u0000')];
    const found = pathToNul(item, [...path, key]);
    if (found) return found;
  }
  return null;
}

export const textInputPlugin = fp(
  async function textInput(app: FastifyInstance) {
    app.addHook('preValidation', async (request) => {
      if (!request.url.startsWith('/api/')) return;
      for (const [part, value] of [
        ['params', request.params],
        ['querystring', request.query],
        ['body', request.body],
      ] as const) {
        const path = pathToNul(value, []);
        if (!path) continue;
        const field = path.join('.');
        throw badRequest(`The request is not valid: ${part}${field ? `.${field}` : ''} contains a NUL character, which text cannot hold.`, {
          issues: [{ in: part, field, message: 'must not contain a NUL character' }],
        });
      }
    });
  },
  { name: 'text-input' },
);
