/**
 * The first file of every export: what each file holds, in Italian and in English at once (a
 * document of the archive, read by whoever receives it, not a page in the reader's language).
 */
export const EXPORT_README_NAME = 'LEGGIMI.txt';

export function exportReadme(userId: number, exportedAt: Date): string {
  const at = exportedAt.toISOString();
  return `Hub&Spoke Community – i tuoi dati / your data
Persona / person: ${userId} – esportati il / exported on ${at} (UTC)

ITALIANO

Questo archivio contiene tutto ciò che Hub&Spoke Community conserva su di te (art. 15 e 20
del GDPR). I file .json sono in formato JSON (UTF-8), leggibile con qualsiasi editor di testo;
le date sono in UTC, in formato ISO 8601.

  account.json        il tuo account: nome, email, handle, ruolo, ente, lingua, data di
                      iscrizione, preferenze (email e riepiloghi), tavoli di cui sei membro,
                      token API personali (solo nome e date, mai il segreto)
  consents.json       ogni tua accettazione o revoca del Patto, della Liberatoria e
                      dell’informativa: tipo, versione, azione, impronta SHA-256 del testo
                      che hai visto, indirizzo IP, data
  posts.json          i tuoi messaggi, con il titolo della discussione e le versioni
                      precedenti di ciascuno (revisions)
  bookmarks.json      le discussioni che hai salvato nei segnalibri
  notifications.json  le notifiche che hai ricevuto
  activity.json       i «mi piace» che hai dato, le segnalazioni che hai fatto, ciò che segui
  documents.json      i documenti che hai scritto o di cui hai caricato una versione; per
                      ogni versione che hai caricato, il file originale è in documents/
                      (nome: <documento>-v<versione>-<nome del file>)
  documents/          i file originali delle versioni che hai caricato, byte per byte
  cv.json             il tuo CV (null se non ne hai uno); il file del CV, se c’è, è in cv/
  surveys.json        le tue risposte ai questionari (responses) e ogni salvataggio che
                      hai fatto, anche per il tuo ente (saves)
  messages.json       i messaggi privati che hai scritto (con il titolo della conversazione),
                      le tue bozze e i dati delle immagini e dei file che hai allegato ai messaggi
  programme.json      le schede di esperienza e gli stakeholder che hai scritto, le sessioni a
                      cui risulti presente, i collegamenti del tuo account all’identità dell’ente
  LEGGIMI.txt         questo file

Non contiene ciò che hanno scritto altre persone, salvo i titoli delle discussioni in cui
hai scritto o che hai salvato e quelli delle conversazioni private in cui hai scritto. Le password non sono mai conservate in chiaro e non sono qui.

ENGLISH

This archive holds everything Hub&Spoke Community keeps about you (GDPR articles 15 and 20).
The .json files are JSON (UTF-8), readable with any text editor; dates are UTC, ISO 8601.

  account.json        your account: name, email, handle, role, ente, language, when you
                      joined, preferences (mails and digests), the tables you are a member
                      of, your personal API tokens (name and dates only, never the secret)
  consents.json       every acceptance or revocation of the Patto, the Liberatoria and the
                      privacy notice: kind, version, action, SHA-256 of the text you were
                      shown, IP address, date
  posts.json          your posts, with their thread's title and each post's earlier
                      versions (revisions)
  bookmarks.json      the threads you bookmarked
  notifications.json  the notifications you received
  activity.json       the likes you gave, the posts you flagged, what you follow
  documents.json      the documents you wrote or uploaded a version of; the original file
                      of each version you uploaded is in documents/
                      (named <document>-v<version>-<file name>)
  documents/          the original files of the versions you uploaded, byte for byte
  cv.json             your CV (null when you have none); its file, if any, is in cv/
  surveys.json        your answers to questionnaires (responses) and every save you made,
                      for your ente too (saves)
  messages.json       the private messages you wrote (with the conversation's title), your
                      drafts and the details of the pictures and files you attached to posts
  programme.json      the experience sheets and stakeholders you wrote, the sessions you were
                      recorded at, your account's links to your organisation's identity
  LEGGIMI.txt         this file

It holds nothing other people wrote, except the titles of the threads you wrote in or
bookmarked and of the private conversations you wrote in. Passwords are never kept in clear and are not here.
`;
}
