import type { Context } from 'hono';
import { AppError, type ErrorCode } from '../errors.ts';

/** Every error code's HTTP status, checked exhaustively by the compiler. */
export function statusOf(code: ErrorCode): 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 {
  switch (code) {
    case 'validation_failed':
      return 400;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
      return 415;
    case 'rate_limited':
      return 429;
    case 'internal':
      return 500;
  }
}

export function errorResponse(c: Context, error: AppError): Response {
  if (error.retryAfterSeconds !== undefined) c.header('Retry-After', String(error.retryAfterSeconds));
  return c.json(
    { error: { code: error.code, message: error.message, ...(error.details && { details: error.details }) } },
    statusOf(error.code),
  );
}

/** Maps anything thrown to the API's error shape; unknown errors become 500 without internals. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const status = (error as { status?: number }).status;
  if (status === 413) return new AppError('payload_too_large', 'the request body is larger than 1 MiB');
  return new AppError('internal', 'internal error', undefined, { cause: error });
}
