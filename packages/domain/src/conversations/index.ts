export {
  flagConversation,
  getConversation,
  leaveConversation,
  listConversations,
  mayListenToConversation,
  postConversationMessage,
  startConversation,
  unreadConversationCount,
} from './conversations.js';
export * from './dto.js';
export { findUsersByHandles } from './recipients.js';
