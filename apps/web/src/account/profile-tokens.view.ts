import type { PageContext } from '../context.js';
import { errorIdFor, type FormError, field, formErrorMessage, submit } from '../ui/form.js';
import { html } from '../ui/html.js';

/** A personal API token as the profile page lists it (never its secret). */
export interface ApiTokenView {
  id: number;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
}

function tokenTable(ctx: PageContext, tokens: readonly ApiTokenView[]) {
  const { t } = ctx;
  if (tokens.length === 0) return html`<p>${t('tokens.empty')}</p>`;
  return html`<div class="table-responsive">
    <table class="table">
      <caption class="visually-hidden">${t('tokens.caption')}</caption>
      <thead><tr>
        <th scope="col">${t('tokens.colName')}</th>
        <th scope="col">${t('tokens.colCreated')}</th>
        <th scope="col">${t('tokens.colLastUsed')}</th>
        <th scope="col"><span class="visually-hidden">${t('tokens.colActions')}</span></th>
      </tr></thead>
      <tbody>
        ${tokens.map(
          (token) => html`<tr>
            <th scope="row">${token.name}</th>
            <td>${ctx.date(token.created_at)}</td>
            <td>${token.last_used_at ? ctx.date(token.last_used_at) : t('common.never')}</td>
            <td class="text-end">
              <form method="post" action="/profilo/token/${token.id}/revoca">
                <button type="submit" class="btn btn-outline-danger btn-xs"
                  aria-label="${t('tokens.revokeLabel', { name: token.name })}">${t('tokens.revoke')}</button>
              </form>
            </td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** Personal API tokens: the list, a revoke button each, and the form to create one. */
export function tokensSection(
  ctx: PageContext,
  tokens: readonly ApiTokenView[],
  error: FormError | undefined,
  name = '',
) {
  const { t } = ctx;
  return html`<p>${t('tokens.intro')}</p>
    ${tokenTable(ctx, tokens)}
    <h3 class="h5 mt-4">${t('tokens.create')}</h3>
    ${formErrorMessage(ctx, 'token', error)}
    <form method="post" action="/profilo/token" id="token" novalidate>
      ${field(ctx, {
        id: 'token-name',
        name: 'name',
        label: t('tokens.name'),
        value: name,
        required: true,
        maxlength: 80,
        hint: t('tokens.nameHint'),
        errorId: errorIdFor('token', error, 'name'),
      })}
      ${submit(t('tokens.create'))}
    </form>`;
}
