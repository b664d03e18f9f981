import type { ThreadDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { errorIdFor, type FormError, field, formErrorMessage, submit } from '../ui/form.js';
import { html } from '../ui/html.js';

/** Renaming a thread: its author or the table's moderators. */
export function threadTitlePage(
  ctx: PageContext,
  thread: ThreadDto,
  input: { title: string; error?: FormError | null },
) {
  const { t } = ctx;
  const form = 'retitle';
  return html`<p class="mb-1"><a href="/discussioni/${thread.id}">${t('post.backToThread', { title: thread.title })}</a></p>
    <h1 class="mb-4">${t('thread.retitle')}</h1>
    <div class="row"><div class="col-12 col-lg-8">
      ${formErrorMessage(ctx, form, input.error)}
      <form method="post" action="/discussioni/${thread.id}/titolo" id="${form}" novalidate>
        ${field(ctx, {
          id: 'retitle-title',
          name: 'title',
          label: t('newThread.titleLabel'),
          value: input.title,
          required: true,
          minlength: 5,
          maxlength: 200,
          hint: t('newThread.titleHint'),
          errorId: errorIdFor(form, input.error, 'title'),
        })}
        ${submit(t('common.save'))}
        <a class="ms-3" href="/discussioni/${thread.id}">${t('common.cancel')}</a>
      </form>
    </div></div>`;
}
