import type { StakeholderKind } from '@hubspoke/db';

/**
 * A few schede di valorizzazione and territorial stakeholders, as the demo enti would write
 * them: who writes each one, and whether a moderator has published it yet.
 */
export const DEMO_EXPERIENCES: Array<{
  author: string;
  ente: string;
  published: boolean;
  sheet: {
    title: string;
    summary: string;
    programme?: string;
    fund?: string;
    countries: string[];
    partners: string[];
    sectors: string[];
    focusArea: string;
    dimension?: string;
    yearFrom: number;
    yearTo?: number;
    budgetEur?: number;
    results?: string;
    lessons?: string;
  };
}> = [
  {
    author: 'giulia.bari@demo.hubspoke.it',
    ente: 'Comune di Bari',
    published: true,
    sheet: {
      title: 'Adriatic Heritage: musei in rete tra Bari e Tirana',
      summary:
        'Scambio di operatori museali tra il Comune di Bari e il Comune di Tirana, catalogazione digitale condivisa e una mostra itinerante sul patrimonio delle due sponde dell’Adriatico.',
      programme: 'Interreg IPA CBC Italia-Albania-Montenegro',
      fund: 'FESR',
      countries: ['AL', 'ME'],
      partners: ['Comune di Tirana', 'Museo Nazionale di Storia di Tirana', 'Comune di Cettigne'],
      sectors: ['cultura', 'formazione'],
      focusArea: 'cultura',
      dimension: 'strategia',
      yearFrom: 2018,
      yearTo: 2021,
      budgetEur: 1_240_000,
      results: 'Due mostre itineranti, 46 operatori formati, 3.200 reperti catalogati in un archivio comune.',
      lessons:
        'Coinvolgere fin dall’inizio le soprintendenze; prevedere in budget la traduzione dei materiali in tre lingue.',
    },
  },
  {
    author: 'sara.palermo@demo.hubspoke.it',
    ente: 'Provincia di Palermo',
    published: true,
    sheet: {
      title: 'Sportello digitale per le imprese del Mediterraneo',
      summary:
        'Uno sportello unico online per le imprese siciliane e tunisine che cercano partner commerciali, con servizi di e-government condivisi tra le due amministrazioni.',
      programme: 'ENI CBC Italia-Tunisia',
      fund: 'ENI CBC',
      countries: ['TN'],
      partners: ['Governatorato di Sfax', 'Camera di Commercio di Palermo'],
      sectors: ['innovazione_egov', 'internazionalizzazione_impresa'],
      focusArea: 'innovazione',
      dimension: 'capacita_istituzionale',
      yearFrom: 2019,
      yearTo: 2022,
      budgetEur: 860_000,
      results: '120 imprese registrate, 35 incontri d’affari, un protocollo d’intesa sui servizi digitali.',
      lessons: 'La piattaforma regge solo con un referente tecnico stabile in ciascun ente.',
    },
  },
  {
    author: 'luca.lecce@demo.hubspoke.it',
    ente: 'Comune di Lecce',
    published: false,
    sheet: {
      title: 'Festival delle due sponde: musica tra Lecce e Durazzo',
      summary:
        'Bozza: un festival musicale annuale con residenze artistiche a Lecce e Durazzo, da candidare a un bando europeo per la cultura.',
      programme: 'Europa Creativa',
      countries: ['AL'],
      partners: ['Comune di Durazzo'],
      sectors: ['cultura'],
      focusArea: 'cultura',
      yearFrom: 2024,
    },
  },
];

export const DEMO_STAKEHOLDERS: Array<{
  keeper: string;
  ente: string;
  entry: {
    name: string;
    kind: StakeholderKind;
    region: string;
    sectors: string[];
    countries: string[];
    website?: string;
    email?: string;
    notes?: string;
  };
}> = [
  {
    keeper: 'giulia.bari@demo.hubspoke.it',
    ente: 'Comune di Bari',
    entry: {
      name: 'Università degli Studi di Bari Aldo Moro',
      kind: 'universita',
      region: 'Puglia',
      sectors: ['ricerca_sviluppo', 'formazione'],
      countries: ['AL', 'TN', 'LB'],
      website: 'https://www.uniba.it',
      notes: 'Ufficio relazioni internazionali: accordi attivi con atenei di Tirana e Tunisi.',
    },
  },
  {
    keeper: 'giulia.bari@demo.hubspoke.it',
    ente: 'Comune di Bari',
    entry: {
      name: 'Fondazione Teatro Petruzzelli',
      kind: 'associazione',
      region: 'Puglia',
      sectors: ['cultura'],
      countries: ['AL', 'GR'],
      website: 'https://www.fondazionepetruzzelli.it',
    },
  },
  {
    keeper: 'sara.palermo@demo.hubspoke.it',
    ente: 'Provincia di Palermo',
    entry: {
      name: 'Camera di Commercio di Palermo ed Enna',
      kind: 'camera_di_commercio',
      region: 'Sicilia',
      sectors: ['internazionalizzazione_impresa', 'industria'],
      countries: ['TN', 'MA'],
      email: 'internazionalizzazione@camera-demo.it',
      notes: 'Partner dello sportello digitale per le imprese.',
    },
  },
  {
    keeper: 'paolo.napoli@demo.hubspoke.it',
    ente: 'Comune di Napoli',
    entry: {
      name: 'Associazione Mediterraneo Solidale',
      kind: 'ong',
      region: 'Campania',
      sectors: ['politiche_sociali', 'formazione'],
      countries: ['LB', 'EG'],
      notes: 'Progetti di accoglienza e mediazione culturale nei quartieri del centro storico.',
    },
  },
];
