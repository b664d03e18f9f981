import type { siteIt } from './site.it.js';

export const siteEn: { readonly [K in keyof typeof siteIt]: string } = {
  'site.accessibilita': 'Accessibility statement',
  'site.note-legali': 'Legal notes',
  'site.privacy': 'Privacy',
  'site.privacyTitle': 'Privacy notice',
  'site.notYet': 'The administrators have not published this text yet.',
  'site.updated': 'Updated on {date}',
  'admin.sitePages': 'Site pages',
  'admin.sitePagesIntro':
    'The texts every page links at the bottom: the accessibility statement and the legal notes. The privacy notice is published among the consents.',
  'admin.sitePageTextIt': 'Italian text (Markdown)',
  'admin.sitePageTextEn': 'English text (Markdown)',
  'admin.sitePageSave': 'Publish the text',
  'admin.apiDocs': 'API documentation',
  'admin.apiDocsIntro': 'The APIs for scripts and integrations, with everyone’s personal tokens.',
  'flash.sitePageSaved': 'Text published.',
};
