import { AppError } from '@hubspoke/domain';
import { isMessageKey } from '@hubspoke/i18n';
import type { PageContext } from '../context.js';
import type { FormError } from './form.js';

/** A form's failure, with the status its re-rendered page answers with. */
export type FailedForm = FormError & { status: number };

/** Service error codes that share one message. */
const ALIASES: Record<string, string> = {
  token_not_found: 'not_found',
  membership_not_found: 'not_found',
  user_not_found: 'not_found',
  table_not_found: 'not_found',
  pool_membership_not_found: 'not_found',
};

/**
 * Turns a service's refusal into a message for the form that caused it, or rethrows what is
 * not the user's to fix (5xx), so the one error handler logs it and shows the error page.
 * `fieldsByCode` names the fields an error code is about, when it is not the default ones.
 */
export function toFormError(
  ctx: PageContext,
  error: unknown,
  fields: string[],
  fieldsByCode: Record<string, string[]> = {},
): FailedForm {
  if (!(error instanceof AppError) || error.status >= 500) throw error;
  const code = ALIASES[error.code] ?? error.code;
  const key = `error.${code}`;
  let message: string;
  if (code === 'rate_limited' || code === 'slow_mode') {
    const seconds = Number(error.headers['retry-after'] ?? 60);
    message = ctx.t(`error.${code}`, { minutes: Math.max(1, Math.ceil(seconds / 60)) });
  } else {
    message = isMessageKey(key) ? ctx.t(key) : ctx.t('error.generic');
  }
  return { message, fields: fieldsByCode[code] ?? fields, status: error.status };
}

/** A check done by the page itself (an empty field, two passwords that differ). */
export const formError = (
  ctx: PageContext,
  key: 'error.required' | 'error.password_mismatch' | 'error.draft_needs_table',
  fields: string[],
): FailedForm => ({ message: ctx.t(key), fields, status: 400 });

/**
 * Runs a service call for a form: null when it succeeded, else the failure to show. Keeps each
 * POST handler to "check, attempt, redirect or re-render".
 */
export async function attempt(
  ctx: PageContext,
  action: () => Promise<unknown>,
  fields: string[],
  fieldsByCode: Record<string, string[]> = {},
): Promise<FailedForm | null> {
  try {
    await action();
    return null;
  } catch (error) {
    return toFormError(ctx, error, fields, fieldsByCode);
  }
}
