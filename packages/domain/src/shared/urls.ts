/** Paths of the web pages that mails and notifications link to; the web app serves exactly these. */
export const paths = {
  thread: (id: number, postNumber?: number) => `/discussioni/${id}${postNumber ? `#post-${postNumber}` : ''}`,
  table: (id: number) => `/tavoli/${id}`,
  document: (id: number) => `/documenti/${id}`,
  /** A table's path: its sessions, products due and calendar. */
  path: (tableId: number) => `/tavoli/${tableId}/percorso`,
  conversation: (id: number) => `/conversazioni/${id}`,
  preferences: () => '/profilo',
  /** A one-time link to an export of one's data (needs the same person signed in). */
  dataExport: (token: string) => `/profilo/dati/${token}`,
  consent: (kind: string) => `/consensi/${kind}`,
  unsubscribe: (token: string) => `/email/unsubscribe/${token}`,
};
