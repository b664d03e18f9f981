export { type DigestRecipient, digestMail } from './digest-mail.js';
export { type AccountTemplate, isAccountTemplate, type RenderedMail, renderAccountMail } from './templates/account.js';
export { type DigestContent, type DigestThread, renderDigestMail } from './templates/digest.js';
export { type NotificationMailData, renderNotificationMail } from './templates/notification.js';
export { createMailer, type Mailer, type OutgoingMail } from './transport.js';
export { type UnsubscribeScope, unsubscribeHeaders, unsubscribeToken, verifyUnsubscribeToken } from './unsubscribe.js';
