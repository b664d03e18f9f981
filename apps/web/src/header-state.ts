import { countOpenFlags, type Deps, latestEventId, listNotifications, unreadConversationCount } from '@hubspoke/domain';
import type { FastifyRequest } from 'fastify';

/** What every signed-in page shows in its header, and where its live client starts from. */
export interface HeaderState {
  unreadNotifications: number;
  /** The newest notification the page already counts; the live client counts only newer ones. */
  newestNotificationId: number;
  /**
   * The newest live event when the page was rendered. The live client resumes from here, so a
   * reply written between rendering and connecting is replayed rather than lost.
   */
  lastEventId: number;
  /** Open flags in the tables the reader moderates; null for those who do not moderate. */
  openFlags: number | null;
  /** Private conversations with messages the reader has not read. */
  unreadConversations: number;
}

const states = new WeakMap<FastifyRequest, HeaderState>();

/** A preHandler for signed-in pages: only pages read it, so POSTs that redirect skip the queries. */
export function loadHeaderState(deps: Deps) {
  return async (request: FastifyRequest) => {
    if (request.method !== 'GET' || !request.user) return;
    const [notifications, lastEventId, openFlags, unreadConversations] = await Promise.all([
      listNotifications(deps, request.user, { limit: 1 }),
      latestEventId(deps),
      countOpenFlags(deps, request.user),
      unreadConversationCount(deps, request.user),
    ]);
    states.set(request, {
      unreadNotifications: notifications.unread,
      newestNotificationId: notifications.items[0]?.id ?? 0,
      lastEventId,
      openFlags,
      unreadConversations,
    });
  };
}

export const headerState = (request: FastifyRequest): HeaderState | null => states.get(request) ?? null;
