import { error, json } from '@sveltejs/kit';
import { EVENT_LIMITS } from '$lib/event-values';
import { renderMarkdown } from '$lib/server/markdown';
import type { RequestHandler } from './$types';

// The editor's live preview (with JavaScript): Markdown in, sanitised HTML out. Without
// JavaScript, the editor's "Preview" button posts the form to its own preview action instead.
export const POST: RequestHandler = async ({ request, locals }) => {
  if (!locals.user) error(401, { message: 'Sign in to preview.' });
  const body: unknown = await request.json().catch(() => null);
  const markdown = typeof body === 'object' && body !== null && 'markdown' in body ? (body as { markdown: unknown }).markdown : null;
  if (typeof markdown !== 'string' || markdown.length > EVENT_LIMITS.descriptionMd) error(400, { message: 'Send { markdown } of at most 20,000 characters.' });
  return json({ html: renderMarkdown(markdown) });
};
