import type { Deps } from '@hubspoke/domain';
import type { PageContext } from './context.js';
import type { SafeHtml } from './html.js';
import { notice } from './views/alerts.js';

/**
 * Where the forum's threads plug into the table page. The next part of the web UI renders the
 * table's thread list here (`listThreads` with this table, pinned first); until then the page
 * says where they will appear.
 */
export async function tableThreads(_deps: Deps, ctx: PageContext, _tableId: number): Promise<SafeHtml> {
  return notice(ctx.t('table.threadsSoon'));
}
