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
} as const;
