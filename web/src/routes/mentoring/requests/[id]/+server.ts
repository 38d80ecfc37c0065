import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

// The link in the "new request" email; a request's page is the mentorship's page.
export const GET: RequestHandler = ({ params }) => {
  redirect(308, `/mentoring/${encodeURIComponent(params.id)}`);
};
