import {
  type Executor,
  type ThreadAccess,
  type ThreadListRow,
  type ThreadRow,
  tableRepo,
  threadRepo,
} from '@hubspoke/db';
import {
  type Actor,
  canModerateTable,
  canPostInTable,
  canReadTable,
  canReadThread,
  canReplyToThread,
} from '../permissions.js';
import { forbidden, notFound } from '../shared/errors.js';

export interface ThreadContext<T extends ThreadRow = ThreadRow> {
  thread: T;
  isMember: boolean;
  /** The actor moderates this thread's table. */
  moderates: boolean;
}

/** The thread if the actor may read it; 404 otherwise, so private labs do not confirm what they hold. */
export async function readableThread(db: Executor, actor: Actor, threadId: number): Promise<ThreadContext> {
  return judge(actor, await threadRepo.findWithAccess(db, threadId, actor.id));
}

/** `readableThread` with the thread as a list row (author, the actor's read mark, bookmark, watch level). */
export async function readableThreadListRow(
  db: Executor,
  actor: Actor,
  threadId: number,
): Promise<ThreadContext<ThreadListRow>> {
  return judge(actor, await threadRepo.findListRowWithAccess(db, actor, threadId));
}

function judge<T extends ThreadRow>(actor: Actor, access: ThreadAccess<T> | undefined): ThreadContext<T> {
  if (
    !access ||
    !canReadThread(actor, access.thread, { visibility: access.tableVisibility }, access.isMember, access.draftAuthorId)
  )
    throw notFound('thread');
  return { thread: access.thread, isMember: access.isMember, moderates: canModerateTable(actor, access.isMember) };
}

export function assertCanReply(actor: Actor, context: ThreadContext): void {
  if (!canPostInTable(actor, context.isMember)) throw forbidden('Only members of this table can write here');
  if (!canReplyToThread(actor, context.thread, context.isMember)) {
    throw forbidden('This thread is locked');
  }
}

export function assertModerates(context: { moderates: boolean }): void {
  if (!context.moderates) throw forbidden('Only the moderators of this table can do this');
}

/** A table the actor may start threads in: 404 if they may not read it, 403 if they may not write there. */
export async function writableTable(db: Executor, actor: Actor, tableId: number) {
  const table = await tableRepo.findById(db, tableId);
  const isMember = table ? await tableRepo.isMember(db, table.id, actor.id) : false;
  if (!table || !canReadTable(actor, table, isMember)) throw notFound('table');
  if (!canPostInTable(actor, isMember)) throw forbidden('Only members of this table can start threads here');
  return table;
}
