import type { EnteKind, Role } from '@hubspoke/db';

/** The demo's shared password; printed with the accounts so anyone can sign in. */
export const DEMO_PASSWORD = 'demo-hubspoke-2026';

export const ENTI: Array<{ name: string; kind: EnteKind; region: string }> = [
  { name: 'Comune di Bari', kind: 'comune', region: 'Puglia' },
  { name: 'Comune di Lecce', kind: 'comune', region: 'Puglia' },
  { name: 'Provincia di Palermo', kind: 'provincia', region: 'Sicilia' },
  { name: 'Comune di Napoli', kind: 'comune', region: 'Campania' },
];

export const PEOPLE: Array<{ email: string; name: string; role: Role; ente?: string }> = [
  { email: 'admin@demo.hubspoke.it', name: 'Anna Amministratrice', role: 'admin' },
  { email: 'moderatore@demo.hubspoke.it', name: 'Marco Moderatore', role: 'moderator' },
  { email: 'tutor.cultura@demo.hubspoke.it', name: 'Teresa Tutor', role: 'tutor' },
  { email: 'tutor.innovazione@demo.hubspoke.it', name: 'Tommaso Tutor', role: 'tutor' },
  { email: 'giulia.bari@demo.hubspoke.it', name: 'Giulia Ferri', role: 'participant', ente: 'Comune di Bari' },
  { email: 'luca.lecce@demo.hubspoke.it', name: 'Luca Greco', role: 'participant', ente: 'Comune di Lecce' },
  { email: 'sara.palermo@demo.hubspoke.it', name: 'Sara Lo Bianco', role: 'participant', ente: 'Provincia di Palermo' },
  { email: 'paolo.napoli@demo.hubspoke.it', name: 'Paolo Esposito', role: 'participant', ente: 'Comune di Napoli' },
];

export const DEMO_POOLS: Array<[email: string, focusArea: string]> = [
  ['tutor.cultura@demo.hubspoke.it', 'cultura'],
  ['tutor.innovazione@demo.hubspoke.it', 'innovazione'],
];

export const THREADS: Array<{
  by: string;
  table: string;
  focusArea: string;
  kind: 'discussion' | 'question' | 'announcement';
  title: string;
  body: string;
  replies: Array<[string, string]>;
}> = [
  {
    by: 'moderatore@demo.hubspoke.it',
    table: 'Tavolo interregionale Mezzogiorno',
    focusArea: 'cultura',
    kind: 'announcement',
    title: 'Benvenuti nel tavolo interregionale',
    body: 'Questo è lo spazio comune degli enti di **Puglia, Sicilia e Campania**. Presentatevi e raccontate i vostri progetti di cooperazione.',
    replies: [
      [
        'giulia.bari@demo.hubspoke.it',
        'Buongiorno a tutti! Il Comune di Bari lavora a un gemellaggio con Tirana sul patrimonio culturale.',
      ],
    ],
  },
  {
    by: 'giulia.bari@demo.hubspoke.it',
    table: 'Laboratorio Bari',
    focusArea: 'innovazione',
    kind: 'question',
    title: 'Come impostare il budget di un progetto di cooperazione?',
    body: 'Stiamo preparando la proposta di piano strategico. Quali voci di costo includere per la parte di *project cycle management*?',
    replies: [
      [
        'tutor.innovazione@demo.hubspoke.it',
        'Partite dal quadro logico: ogni attività deve avere le sue risorse. Vi mando un modello nella libreria.',
      ],
    ],
  },
  {
    by: 'luca.lecce@demo.hubspoke.it',
    table: 'Tavolo regionale Puglia',
    focusArea: 'cultura',
    kind: 'question',
    title: 'Quali fondi per un festival con le città dei Balcani occidentali?',
    body: 'Il Comune di Lecce vorrebbe coinvolgere Durazzo e Cettigne in un festival musicale. Conviene Interreg IPA o un bando nazionale?',
    replies: [],
  },
  {
    by: 'sara.palermo@demo.hubspoke.it',
    table: 'Tavolo regionale Sicilia',
    focusArea: 'cultura',
    kind: 'discussion',
    title: 'Valorizzazione dei siti UNESCO e turismo sostenibile',
    body: 'Condivido alcune esperienze della Provincia di Palermo con le città della sponda sud del Mediterraneo.',
    replies: [],
  },
];
