import type { personalDataIt } from './personal-data.it.js';

export const personalDataEn: { readonly [K in keyof typeof personalDataIt]: string } = {
  'personalData.title': 'Your data',
  'personalData.intro':
    'You can download a ZIP archive of everything the community keeps about you: account and preferences, consents, posts and their earlier versions, bookmarks, notifications, CV, questionnaire answers and the original files of the documents you uploaded.',
  'personalData.note':
    'When there is a lot of it, we prepare the archive and mail you a link that works for 24 hours, once, after signing in with your account. You can ask for your data once an hour.',
  'personalData.link': 'Download your data',
  'personalData.submit': 'Download my data (ZIP)',
  'personalData.linkUsed': 'This link has been used already: each link works once.',
  'personalData.linkExpired': 'This link has expired: it works for 24 hours from when the archive is ready.',
  'personalData.linkUnknown': 'This link is not valid for your account.',
  'personalData.askAgain': 'Ask for your data again',
  'flash.exportPreparing':
    'We are preparing the archive of your data: a mail will reach {email} with the link to download it.',
  'mail.data_export.subject': 'The archive of your data is ready',
  'mail.data_export.intro':
    'You asked for a copy of all the data Hub&Spoke Community keeps about you. The ZIP archive is ready: the link works once, after signing in with your account. If it was not you who asked, change your password.',
  'mail.data_export.action': 'Download your data',
};
