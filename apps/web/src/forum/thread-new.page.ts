import type { PageContext } from '../context.js';
import { errorIdFor, field, requiredNote, select } from '../ui/form.js';
import { html } from '../ui/html.js';
import { type ComposerState, composerError, composerFields } from './composer.view.js';
import { THREAD_KINDS } from './listing.js';

export interface NewThreadInput {
  tableId: string;
  focusArea: string;
  dimension: string;
  kind: string;
  title: string;
}

export interface NewThreadView {
  input: NewThreadInput;
  composer: ComposerState;
  /** Tables the writer may start threads in. */
  tables: ReadonlyArray<{ id: number; name: string }>;
  focusAreas: ReadonlyMap<string, string>;
  dimensions: ReadonlyArray<{ slug: string; name: string }>;
  /** Announcements are for moderators and admins. */
  mayAnnounce: boolean;
}

const FORM = 'new-thread';

export function newThreadPage(ctx: PageContext, view: NewThreadView) {
  const { t } = ctx;
  const { input } = view;
  const error = view.composer.error;
  const errorId = (name: string) => errorIdFor(FORM, error, name);
  const kinds = THREAD_KINDS.filter((kind) => kind !== 'announcement' || view.mayAnnounce);
  if (view.tables.length === 0) {
    return html`<h1 class="mb-3">${t('newThread.title')}</h1><p>${t('newThread.noTables')}</p>`;
  }
  return html`<h1 class="mb-3">${t('newThread.title')}</h1>
    <p class="lead mb-4">${t('newThread.intro')}</p>
    <div class="row"><div class="col-12 col-lg-9">
    ${composerError(ctx, FORM, error)}
    <form method="post" action="/discussioni/nuova" id="${FORM}" novalidate data-composer data-draft-table-url="/api/tables/{table}/draft">
      ${requiredNote(ctx)}
      <div class="row">
        <div class="col-12 col-md-6">${select(ctx, {
          id: `${FORM}-table`,
          name: 'tableId',
          label: t('newThread.table'),
          required: true,
          selected: input.tableId,
          options: [
            { value: '', label: t('form.choose') },
            ...view.tables.map((table) => ({ value: String(table.id), label: table.name })),
          ],
          errorId: errorId('tableId'),
        })}</div>
        <div class="col-12 col-md-6">${select(ctx, {
          id: `${FORM}-kind`,
          name: 'kind',
          label: t('newThread.kind'),
          required: true,
          selected: input.kind || 'discussion',
          options: kinds.map((kind) => ({ value: kind, label: t(`threadKind.${kind}`) })),
          hint: t('newThread.kindHint'),
          errorId: errorId('kind'),
        })}</div>
        <div class="col-12 col-md-6">${select(ctx, {
          id: `${FORM}-area`,
          name: 'focusArea',
          label: t('newThread.focusArea'),
          required: true,
          selected: input.focusArea,
          options: [
            { value: '', label: t('form.choose') },
            ...[...view.focusAreas].map(([value, label]) => ({ value, label })),
          ],
          errorId: errorId('focusArea'),
        })}</div>
        <div class="col-12 col-md-6">${select(ctx, {
          id: `${FORM}-dimension`,
          name: 'dimension',
          label: t('newThread.dimension'),
          selected: input.dimension,
          options: [
            { value: '', label: t('form.noDimension') },
            ...view.dimensions.map((d) => ({ value: d.slug, label: d.name })),
          ],
          hint: t('newThread.dimensionHint'),
        })}</div>
      </div>
      ${field(ctx, {
        id: `${FORM}-title`,
        name: 'title',
        label: t('newThread.titleLabel'),
        value: input.title,
        required: true,
        minlength: 5,
        maxlength: 200,
        hint: t('newThread.titleHint'),
        errorId: errorId('title'),
      })}
      ${composerFields(ctx, { formId: FORM, label: t('newThread.body'), submitLabel: t('newThread.submit'), state: view.composer, rows: 12, uploadAction: '/discussioni/nuova/allegati' })}
    </form>
    </div></div>`;
}
