/** The footer's pages as a programme would word them (the demo's stand-ins for the real texts). */
export const DEMO_SITE_PAGES = {
  accessibilita: {
    it: `## Dichiarazione di accessibilità

Il programma Hub&Spoke si impegna a rendere accessibile la propria comunità online, conformemente alla legge 9 gennaio 2004, n. 4.
La comunità è **conforme** ai requisiti della norma UNI CEI EN 301549 per le parti verificate (navigazione da tastiera, contrasti, etichette dei moduli).

Per segnalare un problema di accessibilità scrivi a accessibilita@hubspoke.example.it.`,
    en: `## Accessibility statement

The Hub&Spoke programme is committed to making its online community accessible, in accordance with Italian Law no. 4 of 9 January 2004.
The community **complies** with UNI CEI EN 301549 for the parts checked (keyboard navigation, contrast, form labels).

To report an accessibility problem, write to accessibilita@hubspoke.example.it.`,
  },
  'note-legali': {
    it: `## Note legali

I contenuti pubblicati nella comunità restano degli enti e delle persone che li hanno scritti. I documenti condivisi nella biblioteca possono essere riusati dagli enti del programma citandone la fonte.`,
    en: `## Legal notes

What is published in the community belongs to the enti and people who wrote it. Documents shared in the library may be reused by the programme's enti, citing their source.`,
  },
} as const;
