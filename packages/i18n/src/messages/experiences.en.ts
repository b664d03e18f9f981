import type { experiencesIt } from './experiences.it.js';

export const experiencesEn: { readonly [K in keyof typeof experiencesIt]: string } = {
  'experiences.title': 'Cooperation experiences',
};
