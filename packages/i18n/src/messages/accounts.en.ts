import type { accountsIt } from './accounts.it.js';

export const accountsEn: { readonly [K in keyof typeof accountsIt]: string } = {
  'erase.link': 'Delete your account',
  'erase.title': 'Delete your account',
  'erase.intro':
    'Your name, email, CV and files, tokens and sessions are deleted. Your posts stay under “ex partecipante”, unless you ask to delete them too. Consent records stay, without your name. This cannot be undone.',
  'erase.password': 'Your password, to confirm',
  'erase.deletePosts': 'Also delete all my posts',
  'erase.submit': 'Delete the account for good',
  'flash.accountErased': 'Your account has been deleted.',
  'admin.deactivate': 'Deactivate',
  'admin.reactivate': 'Reactivate',
  'admin.erase': 'Delete',
  'admin.deactivated': 'deactivated',
  'admin.actions': 'Account',
  'admin.eraseTitle': 'Delete the account of {name}?',
  'admin.eraseIntro':
    'Name, email, CV, tokens and sessions are deleted; posts stay under “ex partecipante” unless deleted too. The act stays in the audit log and cannot be undone.',
  'admin.eraseDeletePosts': 'Also delete their posts',
  'admin.eraseSubmit': 'Delete the account',
  'flash.accountDeactivated': 'The account of {name} is deactivated.',
  'flash.accountReactivated': 'The account of {name} is active again.',
  'flash.accountErasedByAdmin': 'The account has been deleted.',
  'error.own_account': 'For your own account, use your profile.',
  'error.account_deactivated': 'This account is deactivated: write to the programme’s administrators.',
};
