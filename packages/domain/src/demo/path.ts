import type { DocumentKind } from '@hubspoke/db';

/**
 * The path of the Bari lab, after the seed's slides 6–10: one session per dimension and the
 * product each ends in. Days are counted from the day the demo is loaded, so some sessions are
 * past (with who took part) and some still to come.
 */
export const DEMO_PATH = {
  table: 'Laboratorio Bari',
  sessions: [
    {
      title: 'Definizione di una proposta di piano strategico',
      dimension: 'strategia',
      inDays: -40,
      days: 1.5,
      place: 'Sala Giunta, Palazzo di Città, Bari',
      attended: true,
    },
    {
      title: 'Analisi delle competenze del personale',
      dimension: 'competenze',
      inDays: -12,
      days: 1,
      online: 'https://meet.demo.hubspoke.it/bari-competenze',
      attended: true,
    },
    {
      title: 'PCM, partenariati, budget',
      dimension: 'capacita_istituzionale',
      inDays: 14,
      days: 6,
      place: 'Fiera del Levante, Padiglione 152, Bari',
      attended: false,
    },
    {
      title: 'Sessione di confronto regionale',
      dimension: 'strategia',
      inDays: 45,
      days: 1,
      place: 'Regione Puglia, Lungomare Nazario Sauro 33, Bari',
      attended: false,
    },
  ],
  products: [
    { documentKind: 'strategic_plan', dimension: 'strategia', inDays: 30 },
    { documentKind: 'skills_report', dimension: 'competenze', inDays: -5 },
    { documentKind: 'organisation_model', dimension: 'capacita_istituzionale', inDays: 60 },
  ] satisfies Array<{ documentKind: DocumentKind; dimension: string; inDays: number }>,
};
