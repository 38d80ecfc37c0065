// Calling the API from server loads and actions. event.fetch('/api/...') is answered in
// process by Fastify (hooks.server.ts handleFetch), with the reader's cookies; the API's
// Set-Cookie comes back onto the page response.
import { error, redirect } from '@sveltejs/kit';

export interface ApiError {
  code: string;
  message: string;
  details?: unknown;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiError };

type Fetch = typeof globalThis.fetch;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const API_TIMEOUT_MS = 8000;

export async function callApi<T>(fetch: Fetch, method: Method, path: string, body?: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(API_TIMEOUT_MS),
    });
  } catch (cause) {
    console.warn(`${method} ${path} failed`, cause);
    return { ok: false, status: 503, error: { code: 'UNAVAILABLE', message: 'The API could not be reached.' } };
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (response.ok) return { ok: true, status: response.status, data: parsed as T };
  const apiError = isRecord(parsed) && isRecord(parsed.error) ? parsed.error : {};
  return {
    ok: false,
    status: response.status,
    error: {
      code: typeof apiError.code === 'string' ? apiError.code : `HTTP_${response.status}`,
      message: typeof apiError.message === 'string' ? apiError.message : response.statusText,
      details: apiError.details,
    },
  };
}

/**
 * For loads: the data, or the page a person should see instead (sign-in for 401, the
 * friendly 403 page, 404, or "try again" for anything else).
 */
export function dataOrThrow<T>(result: ApiResult<T>, url: URL): T {
  if (result.ok) return result.data;
  if (result.status === 401) redirect(303, signInPath(url));
  if (result.status === 403 || result.status === 404) error(result.status, { message: result.error.message });
  error(result.status >= 500 ? 503 : result.status, { message: result.error.message });
}

export function signInPath(url: URL): string {
  return `/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`;
}

/**
 * The fields a 400 answer names: `details.field` from the services' own checks, or
 * `details.issues[].field` from schema validation ("languages.0.level" → "languages").
 */
export function fieldsOfError(apiError: ApiError): string[] {
  const details = apiError.details;
  if (!isRecord(details)) return [];
  const fields: string[] = [];
  if (typeof details.field === 'string') fields.push(details.field);
  if (Array.isArray(details.issues)) {
    for (const issue of details.issues) {
      if (isRecord(issue) && typeof issue.field === 'string' && issue.field !== '') fields.push(issue.field);
    }
  }
  return [...new Set(fields.map((field) => field.split('.')[0]!))];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
