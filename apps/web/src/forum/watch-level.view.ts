import type { WatchLevel } from '@hubspoke/db';
import type { PageContext } from '../context.js';
import { select } from '../ui/form.js';
import { html } from '../ui/html.js';

export const WATCH_LEVELS: readonly WatchLevel[] = ['watching', 'normal', 'muted'];

export const isWatchLevel = (value: string): value is WatchLevel => (WATCH_LEVELS as readonly string[]).includes(value);

/**
 * How closely to follow a thread, a table or a focus area: a select and a button, posting to
 * `action`; the hint says what each level means for what is followed.
 */
export function watchLevelForm(
  ctx: PageContext,
  o: { id: string; action: string; level: WatchLevel; hint: string; next?: string },
) {
  const { t } = ctx;
  return html`<form method="post" action="${o.action}" class="watch-form" id="${o.id}">
    ${o.next ? html`<input type="hidden" name="next" value="${o.next}">` : ''}
    ${select(ctx, {
      id: `${o.id}-level`,
      name: 'level',
      label: t('watch.label'),
      selected: o.level,
      options: WATCH_LEVELS.map((level) => ({ value: level, label: t(`watch.${level}`) })),
      hint: o.hint,
    })}
    <button type="submit" class="btn btn-outline-primary btn-sm">${t('watch.submit')}</button>
  </form>`;
}
