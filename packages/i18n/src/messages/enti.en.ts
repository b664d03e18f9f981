import type { entiIt } from './enti.it.js';

export const entiEn: { readonly [K in keyof typeof entiIt]: string } = {
  'nav.enti': 'Enti',
  'enti.title': 'The programme’s enti',
  'enti.intro': 'The municipalities, provinces, metropolitan cities and regions taking part in the programme.',
  'enti.empty': 'No ente yet.',
  'enti.people': '{count, plural, =0 {no participants} one {# participant} other {# participants}}',
  'enti.tables': 'Tables',
  'enti.noTables': 'No table you may see.',
  'enti.members': 'People',
  'enti.noMembers': 'Nobody of this ente in the community.',
  'enti.products': 'Products by dimension',
  'enti.noProducts': 'No document you may see.',
  'enti.noDimension': 'No dimension',
  'enti.profile': 'Profile of the ente',
  'enti.noProfile': 'The profile will come with the ente questionnaire.',
  'enti.edit': 'Edit the ente',
  'flash.enteSaved': 'Ente saved.',
  'error.invalid_name': 'The name must have between 2 and 120 characters.',
};
