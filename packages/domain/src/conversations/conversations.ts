import {
  type ConversationCursor,
  conversationRepo,
  eventRepo,
  notificationRepo,
  type Tx,
  type UserRow,
} from '@hubspoke/db';
import { renderMarkdown } from '@hubspoke/markdown';
import { assertPattoAccepted } from '../consents/consents.js';
import { cleanSource } from '../forum/content.js';
import { enforcePostingLimit } from '../forum/threads.js';
import { notify } from '../notifications/notify.js';
import { type Actor, isStaff } from '../permissions.js';
import { decodeCursor, encodeCursor, pageSize } from '../shared/cursor.js';
import type { Deps } from '../shared/deps.js';
import { AppError, forbidden, invalid, notFound } from '../shared/errors.js';
import { recordAccessChange, rooms } from '../shared/events.js';
import {
  CONVERSATION_PEOPLE_MAX,
  CONVERSATION_TITLE_MAX,
  type ConversationMessageDto,
  type ConversationPageDto,
  type ConversationSummaryDto,
  messageToDto,
  type StartConversationInput,
  summaryToDto,
} from './dto.js';

const MESSAGES_PER_PAGE = 50;
const FLAG_REASON_MAX = 1000;

/** The conversation, if the actor is in it now; 404 otherwise, so nobody learns what it holds. */
async function joined(deps: Pick<Deps, 'db'>, actor: UserRow, id: number) {
  const [conversation, place] = await Promise.all([
    conversationRepo.find(deps.db, id),
    conversationRepo.membership(deps.db, id, actor.id),
  ]);
  if (!conversation || !place || place.left_at !== null) throw notFound('conversation');
  return { conversation, place };
}

/** Whether the actor may listen to the conversation's live room: the same rule as reading it. */
export async function mayListenToConversation(deps: Pick<Deps, 'db'>, actor: Actor, id: number) {
  const place = await conversationRepo.membership(deps.db, id, actor.id);
  return place !== undefined && place.left_at === null;
}

/**
 * The people a new conversation may be with: found (else 404), active, and willing to be written
 * to (moderators and admins write to anyone). At most twenty people with the writer.
 */
async function checkedRecipients(deps: Pick<Deps, 'db'>, actor: UserRow, userIds: readonly number[]) {
  const others = [...new Set(userIds)].filter((id) => id !== actor.id);
  if (others.length === 0) throw invalid('no_recipients', 'userIds: choose at least one person besides yourself');
  if (others.length + 1 > CONVERSATION_PEOPLE_MAX) {
    throw invalid('too_many_people', `userIds: a conversation holds at most ${CONVERSATION_PEOPLE_MAX} people`);
  }
  const found = await conversationRepo.recipients(deps.db, others);
  const missing = others.filter((id) => !found.some((u) => u.id === id));
  if (missing.length > 0) throw new AppError(404, 'person_not_found', `userIds: no person ${missing.join(', ')}`);
  const gone = found.filter((u) => u.deactivated_at !== null || u.erased_at !== null);
  if (gone.length > 0) {
    throw invalid('recipient_unavailable', `userIds: ${gone.map((u) => u.id).join(', ')} can no longer be written to`);
  }
  const closed = isStaff(actor) ? [] : found.filter((u) => !u.accepts_messages && !isStaff(u));
  if (closed.length > 0) {
    throw invalid(
      'recipient_not_accepting',
      `userIds: ${closed.map((u) => u.display_name).join(', ')} does not accept private messages`,
    );
  }
  return found;
}

function render(deps: Pick<Deps, 'config'>, source: string) {
  const body = cleanSource(source);
  // Rendered and sanitized once, like a post; no mentions: a private message notifies its members only.
  return { body, bodyHtml: renderMarkdown(body, { publicOrigin: deps.config.publicOrigin }).trim() };
}

/** Writes a message, tells the other members (in the app, and by mail as they chose) and the live room. */
async function write(
  deps: Deps,
  tx: Tx,
  actor: UserRow,
  conversation: { id: number; title: string },
  prepared: { body: string; bodyHtml: string },
) {
  const now = deps.clock.now();
  const written = await conversationRepo.addMessage(tx, {
    conversationId: conversation.id,
    authorId: actor.id,
    body: prepared.body,
    bodyHtml: prepared.bodyHtml,
    at: now,
    event: {
      name: 'conversation.message',
      rooms: [rooms.conversation(conversation.id)],
      data: {
        conversationId: conversation.id,
        authorId: actor.id,
        authorName: actor.display_name,
        bodyHtml: prepared.bodyHtml,
        createdAt: now.toISOString(),
      },
    },
  });
  if (!written) throw notFound('conversation');
  const others = (await conversationRepo.activeMemberIds(tx, conversation.id)).filter((id) => id !== actor.id);
  const { eventIds } = await notify(
    tx,
    others.map((userId) => ({
      user_id: userId,
      kind: 'conversation_message' as const,
      event_id: written.eventId,
      thread_id: null,
      post_id: null,
      actor_id: actor.id,
      // Never the message itself: notifications and mails say who wrote where, not what.
      data: {
        threadTitle: conversation.title,
        actorName: actor.display_name,
        conversationId: conversation.id,
        messageId: written.message.id,
      },
    })),
  );
  return { message: written.message, eventIds: [written.eventId, ...eventIds] };
}

const fallbackTitle = (people: ReadonlyArray<{ display_name: string }>) =>
  people
    .map((p) => p.display_name)
    .join(', ')
    .slice(0, CONVERSATION_TITLE_MAX);

/** Starts a conversation with one to nineteen people and its first message. */
export async function startConversation(deps: Deps, actor: UserRow, input: StartConversationInput) {
  const people = await checkedRecipients(deps, actor, input.userIds);
  await assertPattoAccepted(deps, actor);
  const title = (input.title ?? '').replace(/\s+/g, ' ').trim();
  if (title.length > CONVERSATION_TITLE_MAX) {
    throw invalid('invalid_conversation_title', `title: at most ${CONVERSATION_TITLE_MAX} characters`);
  }
  const prepared = render(deps, input.body);
  await enforcePostingLimit(deps, actor);
  const { id, message, eventIds } = await deps.db.transaction().execute(async (tx) => {
    const shown = title || fallbackTitle([actor, ...people]);
    const id = await conversationRepo.create(tx, {
      title: shown,
      createdBy: actor.id,
      isQuestion: input.isQuestion ?? false,
      memberIds: [actor.id, ...people.map((p) => p.id)],
    });
    return { id, ...(await write(deps, tx, actor, { id, title: shown }, prepared)) };
  });
  deps.events.publish(eventIds);
  return {
    conversationId: id,
    message: messageToDto({ ...message, display_name: actor.display_name, handle: actor.handle }, id),
  };
}

export async function postConversationMessage(
  deps: Deps,
  actor: UserRow,
  id: number,
  input: { body: string },
): Promise<ConversationMessageDto> {
  const { conversation } = await joined(deps, actor, id);
  await assertPattoAccepted(deps, actor);
  const prepared = render(deps, input.body);
  await enforcePostingLimit(deps, actor);
  const { message, eventIds } = await deps.db
    .transaction()
    .execute((tx) => write(deps, tx, actor, conversation, prepared));
  deps.events.publish(eventIds);
  return messageToDto({ ...message, display_name: actor.display_name, handle: actor.handle }, id);
}

const isBefore = (c: any): c is { id: number } => Number.isSafeInteger(c?.id);

/**
 * A conversation with a page of its messages, oldest first: the newest page, which marks the
 * conversation read, or the page before `before`.
 */
export async function getConversation(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: UserRow,
  id: number,
  options: { before?: string | undefined } = {},
): Promise<ConversationPageDto> {
  const { conversation } = await joined(deps, actor, id);
  const before = decodeCursor(options.before, isBefore);
  const [members, rows] = await Promise.all([
    conversationRepo.members(deps.db, id),
    conversationRepo.messages(deps.db, id, before?.id, MESSAGES_PER_PAGE + 1),
  ]);
  const older = rows.length > MESSAGES_PER_PAGE;
  const page = older ? rows.slice(1) : rows;
  const newest = page.at(-1);
  if (!before && newest) {
    await Promise.all([
      conversationRepo.markRead(deps.db, id, actor.id, newest.id),
      notificationRepo.markReadInConversation(deps.db, actor.id, id, deps.clock.now()),
    ]);
  }
  return {
    conversation: {
      id,
      title: conversation.title,
      isQuestion: conversation.is_question,
      members: members.map((m) => ({
        id: m.id,
        displayName: m.display_name,
        handle: m.handle,
        role: m.role,
        left: m.left_at !== null,
        calledIn: m.called_in_by !== null,
      })),
    },
    messages: page.map((m) => messageToDto(m, id)),
    olderCursor: older && page[0] ? encodeCursor({ id: page[0].id }) : null,
  };
}

const isListCursor = (c: any): c is ConversationCursor =>
  typeof c?.at === 'string' && !Number.isNaN(Date.parse(c.at)) && Number.isSafeInteger(c?.id);

/** One's conversations, the most recent first, each with how many messages wait unread. */
export async function listConversations(
  deps: Pick<Deps, 'db'>,
  actor: UserRow,
  query: { cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: ConversationSummaryDto[]; nextCursor: string | null }> {
  const limit = pageSize(query.limit);
  const rows = await conversationRepo.listForUser(
    deps.db,
    actor.id,
    decodeCursor(query.cursor, isListCursor),
    limit + 1,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(summaryToDto),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ at: last.last_message_at.toISOString(), id: last.id }) : null,
  };
}

export const unreadConversationCount = (deps: Pick<Deps, 'db'>, actor: UserRow) =>
  conversationRepo.unreadConversations(deps.db, actor.id);

/** Leaves: no more reading, writing or news of it; live connections drop its room at once. */
export async function leaveConversation(deps: Deps, actor: UserRow, id: number): Promise<void> {
  await joined(deps, actor, id);
  const eventId = await deps.db.transaction().execute(async (tx) => {
    await conversationRepo.leave(tx, id, actor.id, deps.clock.now());
    return recordAccessChange(tx, actor.id);
  });
  deps.events.publish([eventId]);
}

/**
 * Calls the moderators in: a member says why, and every active moderator and admin joins the
 * conversation (told by a notification), so they read what happened and can answer there.
 */
export async function flagConversation(deps: Deps, actor: UserRow, id: number, reasonText: string): Promise<number> {
  const { conversation } = await joined(deps, actor, id);
  const reason = reasonText.replace(/\s+/g, ' ').trim();
  if (reason.length === 0 || reason.length > FLAG_REASON_MAX) {
    throw invalid('invalid_reason', `reason: between 1 and ${FLAG_REASON_MAX} characters`);
  }
  if (isStaff(actor)) throw forbidden('Moderators are already able to act here');
  const staff = await conversationRepo.staffIds(deps.db);
  const eventIds = await deps.db.transaction().execute(async (tx) => {
    await conversationRepo.insertFlag(tx, { conversationId: id, flaggedBy: actor.id, reason });
    const added = await conversationRepo.callIn(tx, id, staff, actor.id);
    // Its own event, so the moderators' mails follow (event.mail), as for a message.
    const eventId = await eventRepo.insert(tx, {
      name: 'conversation.flagged',
      rooms: [],
      data: { conversationId: id },
    });
    const { eventIds } = await notify(
      tx,
      added.map((userId) => ({
        user_id: userId,
        kind: 'conversation_flag' as const,
        event_id: eventId,
        thread_id: null,
        post_id: null,
        actor_id: actor.id,
        data: { threadTitle: conversation.title, actorName: actor.display_name, conversationId: id, comment: reason },
      })),
    );
    return eventIds;
  });
  deps.events.publish(eventIds);
  return eventIds.length;
}
