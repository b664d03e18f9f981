/** A table's path (percorso): sessions, products due, attendance, calendar subscription. */
export const pathIt = {
  'path.title': 'Percorso',
};
