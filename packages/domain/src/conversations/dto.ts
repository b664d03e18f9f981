import type { ConversationListRow, ConversationMessageListRow } from '@hubspoke/db';
import { type Static, Type } from 'typebox';
import { DateTime, Nullable } from '../shared/schema.js';

/** Two to twenty people, the writer included. */
export const CONVERSATION_PEOPLE_MAX = 20;
export const CONVERSATION_TITLE_MAX = 200;

const PersonRef = Type.Object({ id: Type.Integer(), displayName: Type.String() });

export const ConversationSummarySchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  isQuestion: Type.Boolean(),
  people: Type.Array(PersonRef, { description: 'who is in it now, the reader included' }),
  lastMessageAt: DateTime,
  unreadCount: Type.Integer(),
});
export type ConversationSummaryDto = Static<typeof ConversationSummarySchema>;

export const ConversationMessageSchema = Type.Object({
  id: Type.Integer(),
  conversationId: Type.Integer(),
  author: Nullable(Type.Object({ id: Type.Integer(), displayName: Type.String(), handle: Type.String() })),
  bodyHtml: Type.String({ description: 'rendered and sanitized once, when written' }),
  createdAt: DateTime,
});
export type ConversationMessageDto = Static<typeof ConversationMessageSchema>;

export const ConversationSchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  isQuestion: Type.Boolean(),
  members: Type.Array(
    Type.Object({
      ...PersonRef.properties,
      handle: Type.String(),
      role: Type.String(),
      left: Type.Boolean(),
      calledIn: Type.Boolean({ description: 'a moderator called in by a flag' }),
    }),
  ),
});
export type ConversationDto = Static<typeof ConversationSchema>;

export const ConversationPageSchema = Type.Object({
  conversation: ConversationSchema,
  messages: Type.Array(ConversationMessageSchema),
  olderCursor: Nullable(Type.String({ description: 'pass as `before` for the messages before these' })),
});
export type ConversationPageDto = Static<typeof ConversationPageSchema>;

export const StartConversationSchema = Type.Object(
  {
    userIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 50 }),
    title: Type.Optional(Type.String({ maxLength: 1000 })),
    body: Type.String({ maxLength: 60_000 }),
    isQuestion: Type.Optional(Type.Boolean({ description: 'a question to a tutor: tutoring figures may count it' })),
  },
  { additionalProperties: false },
);
export type StartConversationInput = Static<typeof StartConversationSchema>;

export function messageToDto(row: ConversationMessageListRow, conversationId: number): ConversationMessageDto {
  return {
    id: row.id,
    conversationId,
    author:
      row.author_id === null || row.display_name === null || row.handle === null
        ? null
        : { id: row.author_id, displayName: row.display_name, handle: row.handle },
    bodyHtml: row.body_html,
    createdAt: row.created_at.toISOString(),
  };
}

export function summaryToDto(row: ConversationListRow): ConversationSummaryDto {
  return {
    id: row.id,
    title: row.title,
    isQuestion: row.is_question,
    people: row.people,
    lastMessageAt: row.last_message_at.toISOString(),
    unreadCount: Number(row.unread),
  };
}
