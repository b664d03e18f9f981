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
  'admin.invitationList': 'Invitations sent',
  'admin.invitationNone': 'No invitation sent yet.',
  'admin.invitationStatus': 'Status',
  'admin.invitationSentBy': 'Sent by',
  'admin.invitationStatus.pending': 'Pending, until {date}',
  'admin.invitationStatus.accepted': 'Accepted',
  'admin.invitationStatus.expired': 'Expired',
  'admin.invitationStatus.revoked': 'Taken back or replaced',
  'admin.invitationRevoke': 'Take the invitation back',
  'flash.invitationRevoked': 'Invitation taken back: its link no longer works.',
  'error.invitation_not_found': 'This invitation is no longer pending.',
  'admin.memberRemoveConfirm': 'Remove {name} from the table “{table}”?',
  'admin.memberRemoveIntro':
    'They will no longer write in the table; if it is a lab, they will no longer read it. You can add them again.',
  'admin.makeAdminConfirm': 'Make {name} an administrator?',
  'admin.makeAdminIntro':
    'An administrator sees and manages everything: tables, people, consents and documents of every ente.',
};
