import type { pathIt } from './path.it.js';

export const pathEn: { readonly [K in keyof typeof pathIt]: string } = {
  'path.title': 'Path',
};
