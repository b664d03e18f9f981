/**
 * Private conversations of the demo: a participant asking "her" tutor outside the table (marked
 * as a question, answered), and two enti arranging a visit. Then a picture in a lab's thread.
 */
export const DEMO_CONVERSATIONS: Array<{
  from: string;
  to: string[];
  title: string;
  isQuestion?: boolean;
  messages: Array<[by: string, body: string]>;
}> = [
  {
    from: 'giulia.bari@demo.hubspoke.it',
    to: ['tutor.cultura@demo.hubspoke.it'],
    title: 'Cofinanziamento del gemellaggio con Tirana',
    isQuestion: true,
    messages: [
      [
        'giulia.bari@demo.hubspoke.it',
        'Buongiorno Teresa, le scrivo qui perché la domanda riguarda il bilancio del Comune: il cofinanziamento del 15% può essere coperto con ore di personale interno?',
      ],
      [
        'tutor.cultura@demo.hubspoke.it',
        'Buongiorno Giulia, sì: nei programmi Interreg il personale interno è una spesa ammissibile, purché documentato con **timesheet** mensili. Le mando il modello nel tavolo.',
      ],
    ],
  },
  {
    from: 'luca.lecce@demo.hubspoke.it',
    to: ['giulia.bari@demo.hubspoke.it', 'paolo.napoli@demo.hubspoke.it'],
    title: 'Visita di studio a Durazzo',
    messages: [
      [
        'luca.lecce@demo.hubspoke.it',
        'Ciao a entrambi, a marzo il Comune di Durazzo ci ospita per due giorni: vi unite? Possiamo dividere le spese di viaggio.',
      ],
      ['paolo.napoli@demo.hubspoke.it', 'Volentieri, per Napoli vengo io con una collega dell’ufficio cultura.'],
    ],
  },
];

/** A picture posted in a lab: drawn here, so the demo needs no image file. */
export const DEMO_PICTURE = {
  by: 'giulia.bari@demo.hubspoke.it',
  table: 'Laboratorio Bari',
  threadTitle: 'Mappa dei partner del gemellaggio',
  fileName: 'mappa-partner.png',
  body: 'Ecco la mappa dei partner che abbiamo coinvolto finora: Bari, Tirana e Cettigne.',
  svg: `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="540" viewBox="0 0 960 540">
  <rect width="960" height="540" fill="#e8f1fa"/>
  <path d="M0 380 C200 330 320 420 520 360 S820 300 960 340 L960 540 L0 540 Z" fill="#b5d3ef"/>
  <g font-family="sans-serif" font-size="30" fill="#17324d">
    <circle cx="250" cy="250" r="18" fill="#0066cc"/><text x="280" y="260">Bari</text>
    <circle cx="600" cy="170" r="18" fill="#008758"/><text x="630" y="180">Tirana</text>
    <circle cx="540" cy="90" r="18" fill="#008758"/><text x="570" y="100">Cettigne</text>
  </g>
  <path d="M268 245 L582 175 M268 240 L522 95" stroke="#17324d" stroke-width="4" stroke-dasharray="12 8" fill="none"/>
  <text x="40" y="500" font-family="sans-serif" font-size="34" font-weight="bold" fill="#17324d">Gemellaggio Adriatic Heritage</text>
</svg>`,
};
