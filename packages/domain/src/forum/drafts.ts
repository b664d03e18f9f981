import { type DraftTarget, draftRepo, type UserRow } from '@hubspoke/db';
import { MAX_SOURCE_LENGTH } from '@hubspoke/markdown';
import type { Deps } from '../shared/deps.js';
import { invalid } from '../shared/errors.js';
import { assertCanReply, readableThread, writableTable } from './access.js';
import { TITLE_MAX } from './content.js';

export type { DraftTarget };

export interface DraftDto {
  title: string;
  body: string;
  updatedAt: string;
}

/** The place a draft belongs to must be one the actor may write in: a thread they may reply to, a table they may start threads in. */
async function assertWritable(deps: Pick<Deps, 'db'>, actor: UserRow, target: DraftTarget) {
  if ('threadId' in target) {
    assertCanReply(actor, await readableThread(deps.db, actor, target.threadId));
    return;
  }
  await writableTable(deps.db, actor, target.tableId);
}

const toDto = (row: { title: string; body: string; updated_at: Date }): DraftDto => ({
  title: row.title,
  body: row.body,
  updatedAt: row.updated_at.toISOString(),
});

/** One's own draft for a thread or a table, or null. Nobody else ever reads it. */
export async function getDraft(deps: Pick<Deps, 'db'>, actor: UserRow, target: DraftTarget): Promise<DraftDto | null> {
  const row = await draftRepo.find(deps.db, actor.id, target);
  return row ? toDto(row) : null;
}

/**
 * Keeps what the person is writing, over the draft before. An empty draft (no title, blank body)
 * removes it. Raw text as typed: it is rendered and sanitized only when posted.
 */
export async function saveDraft(
  deps: Pick<Deps, 'db'>,
  actor: UserRow,
  target: DraftTarget,
  input: { title?: string | undefined; body: string },
): Promise<DraftDto | null> {
  await assertWritable(deps, actor, target);
  const title = 'tableId' in target ? (input.title ?? '').trim() : '';
  if (title.length > TITLE_MAX) throw invalid('invalid_title', `A title can have at most ${TITLE_MAX} characters`);
  if (input.body.length > MAX_SOURCE_LENGTH) {
    throw invalid('body_too_long', `A post can have at most ${MAX_SOURCE_LENGTH} characters`);
  }
  if (!title && !input.body.trim()) {
    await draftRepo.remove(deps.db, actor.id, target);
    return null;
  }
  return toDto(await draftRepo.save(deps.db, actor.id, target, { title, body: input.body }));
}

export async function discardDraft(deps: Pick<Deps, 'db'>, actor: UserRow, target: DraftTarget): Promise<void> {
  await draftRepo.remove(deps.db, actor.id, target);
}
