import type { z } from 'zod';
import { AppError, type ErrorDetail } from './errors.ts';

/** Zod issues as `{ path, message }` details; unknown keys are named one by one. */
export function issuesToDetails(issues: readonly z.core.$ZodIssue[], prefix = ''): ErrorDetail[] {
  return issues.flatMap((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        path: [path, key].filter(Boolean).join('.'),
        message: 'unknown field',
      }));
    return [{ path, message: issue.message }];
  });
}

export function summarize(details: readonly ErrorDetail[]): string {
  return details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ');
}

export function validationError(details: ErrorDetail[]): AppError {
  return new AppError('validation_failed', summarize(details), details);
}

/** Parses with a schema, throwing a 400-mapped AppError naming each bad field. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, prefix = ''): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(issuesToDetails(parsed.error.issues, prefix));
  return parsed.data;
}
