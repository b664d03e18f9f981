import type { conversationsIt } from './conversations.it.js';

export const conversationsEn: { readonly [K in keyof typeof conversationsIt]: string } = {
  'notifications.kind.conversation_message': '{actor} wrote to you privately: “{title}”',
  'notifications.kind.conversation_flag': '{actor} asks the moderators to step into the conversation “{title}”',
  'error.no_recipients': 'Choose at least one person besides yourself.',
  'error.too_many_people': 'A conversation holds at most 20 people.',
  'error.person_not_found': 'We cannot find one of the people given.',
  'error.recipient_unavailable': 'One of the people given can no longer receive messages: their account is not active.',
  'error.recipient_not_accepting': 'One of the people given does not accept private messages.',
  'error.invalid_reason': 'Say briefly why (at most 1,000 characters).',
};
