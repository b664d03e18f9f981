/** One's own data: the export of everything held about a person, its page and its mail. */
export const personalDataIt = {
  'personalData.title': 'I tuoi dati',
  'personalData.intro':
    'Puoi scaricare un archivio ZIP con tutto ciò che la comunità conserva su di te: account e preferenze, consensi, messaggi e le loro versioni precedenti, segnalibri, notifiche, CV, risposte ai questionari e i file originali dei documenti che hai caricato.',
  'personalData.note':
    'Se i dati sono tanti, prepariamo l’archivio e ti mandiamo un’email con un link che vale 24 ore e funziona una sola volta, dopo l’accesso con il tuo account. Puoi chiedere i tuoi dati una volta all’ora.',
  'personalData.link': 'Scarica i tuoi dati',
  'personalData.submit': 'Scarica i miei dati (ZIP)',
  'personalData.linkUsed': 'Questo link è già stato usato: ogni link funziona una volta sola.',
  'personalData.linkExpired': 'Questo link è scaduto: vale 24 ore da quando l’archivio è pronto.',
  'personalData.linkUnknown': 'Questo link non è valido per il tuo account.',
  'personalData.askAgain': 'Chiedi di nuovo i tuoi dati',
  'flash.exportPreparing':
    'Stiamo preparando l’archivio con i tuoi dati: riceverai un’email a {email} con il link per scaricarlo.',
  'mail.data_export.subject': 'L’archivio con i tuoi dati è pronto',
  'mail.data_export.intro':
    'Hai chiesto una copia di tutti i dati che Hub&Spoke Community conserva su di te. L’archivio ZIP è pronto: il link funziona una sola volta, dopo l’accesso con il tuo account. Se non l’hai chiesto tu, cambia la password.',
  'mail.data_export.action': 'Scarica i tuoi dati',
} as const;
