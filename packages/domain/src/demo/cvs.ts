import type { CvInput } from '../cv/validate.js';

/**
 * The demo people's CVs. Giulia and Luca have given the Liberatoria, so the directory shows them;
 * Sara has a CV but no Liberatoria, so it shows nowhere but her own editor.
 */
export const DEMO_CVS: Array<[email: string, cv: CvInput]> = [
  [
    'giulia.bari@demo.hubspoke.it',
    {
      headline: 'Funzionaria dell’Ufficio Relazioni internazionali, Comune di Bari',
      summary:
        'Coordino i progetti di cooperazione decentrata del Comune con le città della sponda sud del Mediterraneo, dalla stesura delle proposte alla rendicontazione.',
      languages: [
        { code: 'it', level: 'native' },
        { code: 'en', level: 'C1' },
        { code: 'fr', level: 'B2' },
      ],
      competences: [
        { skill: 'Progettazione europea (Interreg NEXT MED)', dimension: 'strategia', focusArea: 'innovazione' },
        { skill: 'Valorizzazione del patrimonio culturale', dimension: 'competenze', focusArea: 'cultura' },
        { skill: 'Rendicontazione di fondi comunitari', dimension: 'capacita_istituzionale' },
      ],
      experiences: [
        {
          title: 'Gemellaggio Bari–Sfax sul turismo culturale',
          programme: 'ENI CBC MED',
          fund: 'Fondi europei di vicinato',
          countries: ['TN'],
          yearFrom: 2019,
          yearTo: 2022,
          role: 'Project manager',
        },
      ],
    },
  ],
  [
    'luca.lecce@demo.hubspoke.it',
    {
      headline: 'Responsabile dei sistemi informativi, Comune di Lecce',
      summary: 'Digitalizzazione dei servizi al cittadino e open data; ho seguito scambi con municipalità albanesi.',
      languages: [
        { code: 'it', level: 'native' },
        { code: 'en', level: 'B2' },
        { code: 'sq', level: 'A2' },
      ],
      competences: [
        { skill: 'Open data e interoperabilità', dimension: 'capacita_istituzionale', focusArea: 'innovazione' },
        { skill: 'Servizi digitali per il cittadino', focusArea: 'innovazione' },
      ],
      experiences: [
        {
          title: 'Scambio di pratiche sui servizi digitali con Valona',
          programme: 'Interreg IPA South Adriatic',
          countries: ['AL'],
          yearFrom: 2021,
          yearTo: null,
          role: 'Referente tecnico',
        },
      ],
    },
  ],
  [
    'sara.palermo@demo.hubspoke.it',
    {
      headline: 'Funzionaria del Servizio Cultura, Provincia di Palermo',
      summary: 'Musei diffusi e itinerari culturali nel Mediterraneo.',
      languages: [{ code: 'it', level: 'native' }],
      competences: [{ skill: 'Itinerari culturali', dimension: 'competenze', focusArea: 'cultura' }],
      experiences: [],
    },
  ],
];
