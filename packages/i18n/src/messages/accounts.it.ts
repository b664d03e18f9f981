/** Closing an account: erasing one's own, and an admin deactivating or erasing someone's. */
export const accountsIt = {
  'erase.link': 'Elimina il tuo account',
  'erase.title': 'Elimina il tuo account',
  'erase.intro':
    'Il tuo nome, la tua email, il CV e i file, i token e le sessioni vengono cancellati. I tuoi messaggi restano a nome di «ex partecipante», a meno che tu non chieda di cancellare anche quelli. Le registrazioni dei consensi restano, senza il tuo nome. Non si può tornare indietro.',
  'erase.password': 'La tua password, per confermare',
  'erase.deletePosts': 'Cancella anche tutti i miei messaggi',
  'erase.submit': 'Elimina definitivamente l’account',
  'flash.accountErased': 'Il tuo account è stato eliminato.',
  'admin.deactivate': 'Disattiva',
  'admin.reactivate': 'Riattiva',
  'admin.erase': 'Elimina',
  'admin.deactivated': 'disattivato',
  'admin.actions': 'Account',
  'admin.eraseTitle': 'Eliminare l’account di {name}?',
  'admin.eraseIntro':
    'Nome, email, CV, token e sessioni vengono cancellati; i messaggi restano a nome di «ex partecipante», a meno di cancellarli. L’operazione resta nel registro e non si può annullare.',
  'admin.eraseDeletePosts': 'Cancella anche i suoi messaggi',
  'admin.eraseSubmit': 'Elimina l’account',
  'flash.accountDeactivated': 'L’account di {name} è disattivato.',
  'flash.accountReactivated': 'L’account di {name} è di nuovo attivo.',
  'flash.accountErasedByAdmin': 'L’account è stato eliminato.',
  'error.own_account': 'Per il tuo account usa il tuo profilo.',
  'error.account_deactivated': 'Questo account è disattivato: scrivi agli amministratori del programma.',
  'admin.invitationList': 'Inviti inviati',
  'admin.invitationNone': 'Nessun invito inviato finora.',
  'admin.invitationStatus': 'Stato',
  'admin.invitationSentBy': 'Inviato da',
  'admin.invitationStatus.pending': 'In attesa, fino al {date}',
  'admin.invitationStatus.accepted': 'Accettato',
  'admin.invitationStatus.expired': 'Scaduto',
  'admin.invitationStatus.revoked': 'Ritirato o sostituito',
  'admin.invitationRevoke': 'Ritira l’invito',
  'flash.invitationRevoked': 'Invito ritirato: il link non funziona più.',
  'error.invitation_not_found': 'Questo invito non è più in attesa.',
  'admin.memberRemoveConfirm': 'Togliere {name} dal tavolo «{table}»?',
  'admin.memberRemoveIntro':
    'Non potrà più scrivere nel tavolo; se è un laboratorio, non potrà più leggerlo. Potrai aggiungerla di nuovo.',
  'admin.makeAdminConfirm': 'Rendere {name} amministratore?',
  'admin.makeAdminIntro':
    'Un amministratore vede e gestisce tutto: tavoli, persone, consensi e documenti di ogni ente.',
  'signIn.oidcOr': 'oppure con email e password',
  'signIn.oidcOnly': 'Accedi con l’identità digitale del tuo ente (per esempio SPID o CIE).',
  'oidc.failedTitle': 'Accesso non riuscito',
  'oidc.retry': 'Riprova ad accedere',
  'error.oidc_state_invalid':
    'Questo accesso non è partito da qui, è durato troppo o è già stato usato, quindi non ti abbiamo fatto entrare. Riprova dalla pagina di accesso.',
  'error.oidc_failed':
    'La risposta del sistema di identità del tuo ente non è valida, quindi non ti abbiamo fatto entrare. Riprova; se succede ancora, avvisa l’amministratore del programma.',
  'error.oidc_provider_error':
    'Il sistema di identità del tuo ente non ha confermato l’accesso (forse è stato annullato). Riprova.',
  'error.oidc_unavailable': 'Il sistema di identità del tuo ente non risponde: riprova tra qualche minuto.',
  'error.oidc_email_unverified':
    'Il sistema di identità del tuo ente non conferma il tuo indirizzo email, quindi non possiamo riconoscerti: chiedi all’amministratore del programma.',
  'error.oidc_not_invited': "Il tuo account non è stato ancora invitato: chiedi all'amministratore del programma.",
  'error.local_passwords_off': 'Qui le password non si usano: accedi con l’identità digitale del tuo ente.',
} as const;
