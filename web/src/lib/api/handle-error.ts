import type { z } from 'zod';
import { toasts } from '$lib/stores/toasts.svelte';
import { ApiError } from './client';
import { problemToast, type FieldErrors } from './problem-toast';

export type { FieldErrors };

export interface HandleErrorOptions {
  /**
   * The form shows errors beside these fields: when every field error of the problem lands on one
   * of them, no toast is needed. Without it the problem's `detail` is always shown as a toast.
   */
  fields?: readonly string[];
}

/**
 * The one place API errors are turned into something the user sees (immich's handle-error):
 * a toast with the problem's `detail` (prefixed by what was being done), and the per-field
 * messages returned so the form can show them beside the right inputs.
 */
export function handleError(err: unknown, context: string, options: HandleErrorOptions = {}): FieldErrors {
  if (err instanceof DOMException && err.name === 'AbortError') return {};
  if (!(err instanceof ApiError)) {
    console.error(err);
    toasts.error(`${context}: something went wrong.`);
    return {};
  }
  const fields = err.fieldErrors;
  const message = err.status === 401 ? null : problemToast(context, err.problem.detail, fields, options.fields);
  if (message) toasts.error(message);
  return fields;
}

/** Client-side validation with the same shared zod schema the server uses, in the same shape. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    out[path] ??= issue.message;
  }
  return out;
}
