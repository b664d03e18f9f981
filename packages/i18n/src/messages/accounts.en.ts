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
  'signIn.oidcOr': 'or with email and password',
  'signIn.oidcOnly': 'Sign in with your organisation’s digital identity (for instance SPID or CIE).',
  'oidc.failedTitle': 'Sign-in failed',
  'oidc.retry': 'Try signing in again',
  'error.oidc_state_invalid':
    'This sign-in did not start here, took too long or was already used, so you were not signed in. Start again from the sign-in page.',
  'error.oidc_failed':
    'Your organisation’s identity service sent an answer we could not accept, so you were not signed in. Try again; if it happens again, tell the programme’s administrator.',
  'error.oidc_provider_error':
    'Your organisation’s identity service did not confirm the sign-in (perhaps it was cancelled). Try again.',
  'error.oidc_unavailable': 'Your organisation’s identity service does not answer: try again in a few minutes.',
  'error.oidc_email_unverified':
    'Your organisation’s identity service does not confirm your email address, so we cannot recognise you: ask the programme’s administrator.',
  'error.oidc_not_invited': 'Your account has not been invited yet: ask the programme’s administrator.',
  'error.local_passwords_off': 'Passwords are not used here: sign in with your organisation’s digital identity.',
};
