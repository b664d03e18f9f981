import type { EnteKind, Role } from '@hubspoke/db';

/** The demo's shared password; printed with the accounts so anyone can sign in. */
export const DEMO_PASSWORD = 'demo-hubspoke-2026';

export const ENTI: Array<{ name: string; kind: EnteKind; region: string }> = [
  { name: 'Comune di Bari', kind: 'comune', region: 'Puglia' },
  { name: 'Comune di Lecce', kind: 'comune', region: 'Puglia' },
  { name: 'Provincia di Palermo', kind: 'provincia', region: 'Sicilia' },
  { name: 'Comune di Napoli', kind: 'comune', region: 'Campania' },
  { name: 'Città metropolitana di Bari', kind: 'citta_metropolitana', region: 'Puglia' },
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
  /** Moderators keep the pace of a busy thread: one post per person every so many minutes. */
  slowModeMinutes?: number;
  /** Someone has started a reply and not sent it yet. */
  draft?: [by: string, body: string];
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
    slowModeMinutes: 5,
    draft: ['sara.palermo@demo.hubspoke.it', 'Buongiorno, sono Sara della Provincia di Palermo: stiamo preparando'],
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

/** The programme's texts, as an admin would publish them; who accepted what shows every state. */
export const CONSENT_TEXTS = {
  patto: {
    it: `## Patto di partecipazione al programma Hub&Spoke

L'ente e la persona che lo rappresenta si impegnano a:

1. seguire **tutto il percorso**: i laboratori in presenza per ciascuna dimensione e le attività a distanza;
2. partecipare ai tavoli regionali e interregionali con le esperienze e i materiali dell'ente;
3. condividere nella comunità i prodotti del percorso (piano strategico, analisi, schede di esperienza);
4. rispondere ai questionari del programma nei tempi indicati dai tutor.

Il Patto vale per tutta la durata del programma.`,
    en: `## Participation agreement of the Hub&Spoke programme

The ente and the person representing it commit to:

1. follow **the whole path**: the lab sessions for each dimension and the remote activities;
2. take part in the regional and interregional tables with the ente's experiences and materials;
3. share the products of the path in the community (strategic plan, analyses, experience sheets);
4. answer the programme's questionnaires within the times the tutors set.

The agreement holds for the whole programme.`,
  },
  liberatoria: {
    it: `## Liberatoria per l'uso dei dati del CV

Acconsento a che i dati del mio CV (profilo, lingue, competenze, esperienze di cooperazione) siano mostrati
alle persone iscritte alla comunità nell'**elenco delle competenze**, per favorire lo scambio tra enti.
Posso revocare il consenso in qualsiasi momento dalla pagina *Patto e consensi*: il mio profilo sparisce subito dall'elenco.`,
    en: `## Consent to the use of CV data

I agree that the data of my CV (profile, languages, competences, cooperation experiences) be shown to the
community's members in the **competence directory**, to help enti learn from one another.
I can withdraw it at any time from the *Patto and consents* page: my profile leaves the directory at once.`,
  },
  privacy: {
    it: `## Informativa sul trattamento dei dati personali (art. 13 GDPR)

Titolare del trattamento è il soggetto attuatore del programma Hub&Spoke. I dati (nome, email, ente, messaggi,
documenti, CV) sono trattati per gestire la comunità e il percorso del programma, per la durata del programma.
Puoi scaricare i tuoi dati o chiedere la cancellazione dell'account dal tuo profilo.`,
    en: `## Privacy notice (GDPR art. 13)

The controller is the body running the Hub&Spoke programme. Your data (name, email, ente, posts, documents, CV)
is processed to run the community and the programme's path, for the duration of the programme.
You can download your data or ask for your account to be erased from your profile.`,
  },
} as const;

/** Who has accepted what in the demo: Paolo has signed nothing yet, so he can only read. */
export const DEMO_CONSENTS: Array<[email: string, kinds: Array<keyof typeof CONSENT_TEXTS>]> = [
  ['giulia.bari@demo.hubspoke.it', ['patto', 'privacy', 'liberatoria']],
  ['luca.lecce@demo.hubspoke.it', ['patto', 'privacy', 'liberatoria']],
  ['sara.palermo@demo.hubspoke.it', ['patto']],
  ['admin@demo.hubspoke.it', ['privacy']],
  ['moderatore@demo.hubspoke.it', ['privacy']],
  ['tutor.cultura@demo.hubspoke.it', ['privacy']],
  ['tutor.innovazione@demo.hubspoke.it', ['privacy']],
];

/**
 * The seed's three questionnaires, answered by the enti's people: the criticità one already
 * closed (its results open to everyone who answered), the others open, with a draft or two.
 */
export const DEMO_SURVEYS: Array<{
  template: 'ente_profile' | 'criticita' | 'priorita';
  title: string;
  close: boolean;
  answers: Array<[email: string, answers: Record<string, unknown>, submit: boolean]>;
}> = [
  {
    template: 'ente_profile',
    title: 'Profilo dell’ente',
    close: false,
    answers: [
      [
        'giulia.bari@demo.hubspoke.it',
        {
          esperienza: 'si',
          esperienza_fondi_programmi: 'Interreg IPA Adriatico, ENPI CBC Med',
          esperienza_anni: 8,
          strategia_formalizzata: 'no',
          ufficio_cooperazione: 'si',
          ufficio_cooperazione_dettagli:
            'Ufficio Relazioni internazionali, tre persone, presso il Gabinetto del Sindaco',
          uffici_attivi: 'Cultura, Sviluppo economico',
          sistema_informatizzato: 'no',
          paesi_interventi: ['AL', 'ME', 'TN'],
          settori_interventi: ['cultura', 'innovazione_egov'],
          relazioni_attori: 'Università di Bari, Camera di commercio, associazioni culturali',
          individuazione_opportunita: 'Bandi europei seguiti dall’ufficio; rete ANCI',
          comunicazione_esterna: 'Pagina del sito istituzionale e comunicati stampa',
        },
        true,
      ],
      [
        'luca.lecce@demo.hubspoke.it',
        {
          esperienza: 'si',
          esperienza_anni: 3,
          strategia_formalizzata: 'no',
          ufficio_cooperazione: 'no',
          uffici_attivi: 'Cultura e Turismo',
          sistema_informatizzato: 'no',
          paesi_interventi: ['AL', 'ME', { option: 'altro', text: 'Grecia' }],
          settori_interventi: ['cultura', 'formazione'],
        },
        true,
      ],
      [
        'sara.palermo@demo.hubspoke.it',
        {
          esperienza: 'si',
          esperienza_anni: 12,
          strategia_formalizzata: 'si',
          ufficio_cooperazione: 'si',
          sistema_informatizzato: 'si',
          paesi_interventi: ['TN', 'MA', 'LB'],
          settori_interventi: ['politiche_sociali', 'trasporti', { option: 'altro', text: 'Pesca' }],
        },
        true,
      ],
      ['paolo.napoli@demo.hubspoke.it', { esperienza: 'no' }, false],
    ],
  },
  {
    template: 'criticita',
    title: 'I primi lavori: le criticità',
    close: true,
    answers: [
      [
        'giulia.bari@demo.hubspoke.it',
        {
          risorse: ['competenze_monitoraggio', 'numero_risorse', 'dotazione_finanziaria'],
          coordinamento: ['coordinamento_interno'],
        },
        true,
      ],
      [
        'luca.lecce@demo.hubspoke.it',
        {
          risorse: ['competenze_progettazione', 'conoscenze_linguistiche', 'numero_risorse'],
          coordinamento: [{ option: 'relazioni_territorio', text: 'Associazioni e ONG del Salento' }],
        },
        true,
      ],
      [
        'sara.palermo@demo.hubspoke.it',
        {
          risorse: ['competenze_gestionali', 'dotazione_tecnica', { option: 'altro', text: 'Tempi delle procedure' }],
          coordinamento: ['coordinamento_interno', { option: 'relazioni_istituzioni', text: 'Regione Siciliana' }],
        },
        true,
      ],
      ['paolo.napoli@demo.hubspoke.it', { risorse: ['numero_risorse', 'dotazione_finanziaria'] }, true],
    ],
  },
  {
    template: 'priorita',
    title: 'I primi lavori: le priorità',
    close: false,
    answers: [
      [
        'giulia.bari@demo.hubspoke.it',
        { settori: ['cultura', 'innovazione_egov'], aree: ['balcani_occidentali'], paesi: ['AL', 'ME'] },
        true,
      ],
      [
        'luca.lecce@demo.hubspoke.it',
        { settori: ['cultura', 'formazione'], aree: ['balcani_occidentali'], paesi: ['AL', 'ME'] },
        true,
      ],
      [
        'paolo.napoli@demo.hubspoke.it',
        {
          settori: ['internazionalizzazione_impresa', 'trasporti', { option: 'altro', text: 'Economia del mare' }],
          aree: ['mediterraneo_sud', 'balcani_occidentali'],
          paesi: ['TN', 'EG', 'AL'],
        },
        true,
      ],
      ['sara.palermo@demo.hubspoke.it', { settori: ['politiche_sociali'] }, false],
    ],
  },
];
