// Errors are values with a code and a sentence; the error handler turns them into
// { error: { code, message, details? } } with the status below.
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_SIGNED_IN'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RULE_BROKEN'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL'
  | (string & {});

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: unknown, code: ErrorCode = 'VALIDATION_FAILED') =>
  new AppError(400, code, message, details);
export const notSignedIn = (message = 'Sign in to do this.') => new AppError(401, 'NOT_SIGNED_IN', message);
export const forbidden = (message = 'You are not allowed to do this.') => new AppError(403, 'FORBIDDEN', message);
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what} was not found.`);
export const conflict = (message: string, details?: unknown, code: ErrorCode = 'CONFLICT') =>
  new AppError(409, code, message, details);
export const ruleBroken = (message: string, details?: unknown, code: ErrorCode = 'RULE_BROKEN') =>
  new AppError(422, code, message, details);
