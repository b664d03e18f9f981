/** The footer's pages: accessibility statement, privacy notice, legal notes; and their editor. */
export const siteIt = {
  'site.accessibilita': 'Dichiarazione di accessibilità',
  'site.note-legali': 'Note legali',
  'site.privacy': 'Privacy',
  'site.privacyTitle': 'Informativa sulla privacy',
  'site.notYet': 'Il testo non è ancora stato pubblicato dagli amministratori.',
  'site.updated': 'Aggiornato il {date}',
  'admin.sitePages': 'Pagine del sito',
  'admin.sitePagesIntro':
    'I testi che ogni pagina collega in fondo: la dichiarazione di accessibilità e le note legali. L’informativa sulla privacy si pubblica tra i consensi.',
  'admin.sitePageTextIt': 'Testo in italiano (Markdown)',
  'admin.sitePageTextEn': 'Testo in inglese (Markdown)',
  'admin.sitePageSave': 'Pubblica il testo',
  'admin.apiDocs': 'Documentazione delle API',
  'admin.apiDocsIntro': 'Le API per gli script e le integrazioni, con i token personali di ciascuno.',
  'flash.sitePageSaved': 'Testo pubblicato.',
} as const;
