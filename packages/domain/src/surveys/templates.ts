import type { Label, Option, Question } from './dto.js';

/**
 * The built-in questionnaires: the three of the programme's seed presentation — the ente's
 * profile (slide 14, "Confronto con i partecipanti"), the criticità met so far (slide 16) and the
 * first priorities (slide 17) — each item worded as the slide words it, with an English
 * translation. Options that ask to "specificare" take a text.
 */

const l = (it: string, en: string): Label => ({ it, en });
const opt = (key: string, it: string, en: string, other?: true): Option => ({
  key,
  label: l(it, en),
  ...(other ? { other } : {}),
});

/** The seed's two geographic areas (slide 17) and their countries, by ISO 3166-1 alpha-2 code. */
export const COUNTRY_AREAS = [
  {
    key: 'mediterraneo_sud',
    label: l('Sponda sud del Mediterraneo', 'South shore of the Mediterranean'),
    countries: [
      opt('MA', 'Marocco', 'Morocco'),
      opt('DZ', 'Algeria', 'Algeria'),
      opt('TN', 'Tunisia', 'Tunisia'),
      opt('LY', 'Libia', 'Libya'),
      opt('EG', 'Egitto', 'Egypt'),
      opt('PS', 'Palestina', 'Palestine'),
      opt('IL', 'Israele', 'Israel'),
      opt('JO', 'Giordania', 'Jordan'),
      opt('LB', 'Libano', 'Lebanon'),
      opt('SY', 'Siria', 'Syria'),
    ],
  },
  {
    key: 'balcani_occidentali',
    label: l('Balcani occidentali', 'Western Balkans'),
    countries: [
      opt('AL', 'Albania', 'Albania'),
      opt('BA', 'Bosnia ed Erzegovina', 'Bosnia and Herzegovina'),
      opt('HR', 'Croazia', 'Croatia'),
      opt('XK', 'Kosovo', 'Kosovo'),
      opt('MK', 'Macedonia del Nord', 'North Macedonia'),
      opt('ME', 'Montenegro', 'Montenegro'),
      opt('RS', 'Serbia', 'Serbia'),
    ],
  },
] as const;

/** A countries question's options: every country of the two areas, each tagged with its area. */
export function countryOptions(): Option[] {
  return COUNTRY_AREAS.flatMap((area) => area.countries.map((c) => ({ ...c, group: area.key })));
}
export const COUNTRY_GROUPS = COUNTRY_AREAS.map((a) => ({ key: a.key, label: a.label }));
const countries = (extra: Option[] = []) => ({ options: [...countryOptions(), ...extra], groups: COUNTRY_GROUPS });

const yesNo = [opt('si', 'Sì', 'Yes'), opt('no', 'No', 'No')];

/** The sectors of slide 17 (the same keys as the experiences and stakeholders use). */
export const SECTOR_OPTIONS: Option[] = [
  opt('industria', 'Industria', 'Industry'),
  opt('innovazione_egov', 'Innovazione e eGov', 'Innovation and eGovernment'),
  opt('ricerca_sviluppo', 'Ricerca e Sviluppo tecnologico', 'Research and technological development'),
  opt('internazionalizzazione_impresa', 'Internazionalizzazione d’Impresa', 'Internationalisation of businesses'),
  opt('cultura', 'Cultura', 'Culture'),
  opt('formazione', 'Formazione', 'Training'),
  opt('politiche_sociali', 'Politiche sociali', 'Social policies'),
  opt('trasporti', 'Trasporti', 'Transport'),
  opt('altro', 'Altro (specificare)', 'Other (please specify)', true),
];

export interface SurveyTemplate {
  key: 'ente_profile' | 'criticita' | 'priorita';
  title: Label;
  description: Label;
  /** Who the programme has answer it; the creator may choose otherwise. */
  respondent: 'person' | 'ente';
  questions: Question[];
}

const experienceSection = l(
  'Esperienza dell’Ente in progetti di cooperazione (specificare fondi e programmi, anni di esperienza)',
  'The ente’s experience in cooperation projects (specify funds and programmes, years of experience)',
);
const officeSection = l(
  'Esistenza di un Ufficio per la cooperazione internazionale (approfondire)',
  'Whether there is an office for international cooperation (give details)',
);
const countriesSection = l(
  'Paesi e settori oggetto di interventi di cooperazione internazionale',
  'Countries and sectors of international cooperation actions',
);

const enteProfile: SurveyTemplate = {
  key: 'ente_profile',
  title: l('Profilo dell’ente', 'Profile of the ente'),
  description: l(
    'Confronto con i partecipanti: l’esperienza e l’organizzazione dell’ente nella cooperazione internazionale.',
    'Discussion with the participants: the ente’s experience and organisation in international cooperation.',
  ),
  respondent: 'ente',
  questions: [
    {
      key: 'esperienza',
      type: 'single',
      section: experienceSection,
      label: l('Esperienza dell’Ente in progetti di cooperazione', 'The ente’s experience in cooperation projects'),
      options: yesNo,
      required: true,
    },
    {
      key: 'esperienza_fondi_programmi',
      type: 'text',
      section: experienceSection,
      label: l('Fondi e programmi (specificare)', 'Funds and programmes (specify)'),
    },
    {
      key: 'esperienza_anni',
      type: 'number',
      section: experienceSection,
      label: l('Anni di esperienza', 'Years of experience'),
      min: 0,
      max: 100,
    },
    {
      key: 'strategia_formalizzata',
      type: 'single',
      label: l(
        'Strategia di Cooperazione Internazionale formalizzata',
        'A formalised International Cooperation strategy',
      ),
      options: yesNo,
      required: true,
    },
    {
      key: 'ufficio_cooperazione',
      type: 'single',
      section: officeSection,
      label: l(
        'Esistenza di un Ufficio per la cooperazione internazionale',
        'Whether there is an office for international cooperation',
      ),
      options: yesNo,
      required: true,
    },
    {
      key: 'ufficio_cooperazione_dettagli',
      type: 'text',
      section: officeSection,
      label: l(
        'Ufficio per la cooperazione internazionale: approfondire',
        'Office for international cooperation: details',
      ),
    },
    {
      key: 'uffici_attivi',
      type: 'text',
      label: l(
        'Uffici maggiormente attivi nella cooperazione internazionale',
        'Offices most active in international cooperation',
      ),
    },
    {
      key: 'sistema_informatizzato',
      type: 'single',
      label: l(
        'Sistema informatizzato di raccolta, archiviazione, aggregazione e analisi delle informazioni',
        'Computerised system for collecting, filing, aggregating and analysing information',
      ),
      options: yesNo,
      required: true,
    },
    {
      key: 'paesi_interventi',
      type: 'countries',
      section: countriesSection,
      label: l(
        'Paesi oggetto di interventi di cooperazione internazionale',
        'Countries of international cooperation actions',
      ),
      ...countries([opt('altro', 'Altri Paesi (specificare)', 'Other countries (please specify)', true)]),
    },
    {
      key: 'settori_interventi',
      type: 'multi',
      section: countriesSection,
      label: l(
        'Settori oggetto di interventi di cooperazione internazionale',
        'Sectors of international cooperation actions',
      ),
      options: SECTOR_OPTIONS,
    },
    {
      key: 'relazioni_attori',
      type: 'text',
      label: l(
        'Relazioni con attori del territorio e/o Istituzionali',
        'Relations with local and/or institutional actors',
      ),
    },
    {
      key: 'individuazione_opportunita',
      type: 'text',
      label: l('Individuazione opportunità (modi e fonti)', 'Finding opportunities (ways and sources)'),
    },
    {
      key: 'comunicazione_esterna',
      type: 'text',
      label: l(
        'Comunicazione esterna su attività internazionali',
        'External communication on international activities',
      ),
    },
  ],
};

const criticitaSection = l(
  'Dall’esperienza di Cooperazione Internazionale fin qui sviluppata quali criticità sono emerse?',
  'From the International Cooperation experience developed so far, which critical issues have emerged?',
);

const criticita: SurveyTemplate = {
  key: 'criticita',
  title: l('I primi lavori: le criticità', 'First work: the critical issues'),
  description: criticitaSection,
  respondent: 'ente',
  questions: [
    {
      key: 'risorse',
      type: 'multi',
      section: criticitaSection,
      label: l('Risorse umane, tecniche e finanziarie', 'Human, technical and financial resources'),
      options: [
        opt('competenze_progettazione', 'Competenze tecniche di Progettazione', 'Technical skills in project design'),
        opt('competenze_gestionali', 'Competenze tecniche Gestionali', 'Technical skills in management'),
        opt(
          'competenze_monitoraggio',
          'Competenze tecniche di monitoraggio e valutazione',
          'Technical skills in monitoring and evaluation',
        ),
        opt('conoscenze_linguistiche', 'Conoscenze linguistiche', 'Language skills'),
        opt('numero_risorse', 'Numero delle risorse da dedicare', 'Number of people to dedicate'),
        opt(
          'dotazione_tecnica',
          'Dotazione tecnica (hw,sw,…) e strumenti di gestione (database, ecc.)',
          'Technical equipment (hw, sw, …) and management tools (databases, etc.)',
        ),
        opt('dotazione_finanziaria', 'Dotazione finanziaria', 'Financial resources'),
        opt('altro', 'Altro (specificare)', 'Other (please specify)', true),
      ],
    },
    {
      key: 'coordinamento',
      type: 'multi',
      section: criticitaSection,
      label: l('Coordinamento', 'Coordination'),
      options: [
        opt(
          'coordinamento_interno',
          'Coordinamento interno fra Dipartimenti/Uffici',
          'Internal coordination between departments/offices',
        ),
        opt(
          'relazioni_territorio',
          'Relazioni con attori pubblici e privati del territorio (specificare: Comuni, Associazioni, ONG, Agenzie, ecc.)',
          'Relations with public and private local actors (specify: municipalities, associations, NGOs, agencies, etc.)',
          true,
        ),
        opt(
          'relazioni_istituzioni',
          'Relazioni con Provincia/e, Regione, Ministeri, Ue (specificare)',
          'Relations with province(s), region, ministries, EU (specify)',
          true,
        ),
      ],
    },
  ],
};

const prioritaSection = l(
  'Prime riflessioni sulle priorità strategiche geografiche e tematiche in coerenza con la strategia di sviluppo territoriale',
  'First thoughts on the strategic geographic and thematic priorities, consistent with the territorial development strategy',
);

const priorita: SurveyTemplate = {
  key: 'priorita',
  title: l('I primi lavori: le priorità', 'First work: the priorities'),
  description: prioritaSection,
  respondent: 'ente',
  questions: [
    {
      key: 'settori',
      type: 'multi',
      section: prioritaSection,
      label: l('Settori prioritari', 'Priority sectors'),
      options: SECTOR_OPTIONS,
      required: true,
    },
    {
      key: 'aree',
      type: 'multi',
      section: prioritaSection,
      label: l('Aree geografiche e Paesi', 'Geographic areas and countries'),
      options: [
        opt(
          'mediterraneo_sud',
          'Sponda sud del Mediterraneo (specificare Paesi)',
          'South shore of the Mediterranean (specify countries)',
        ),
        opt('balcani_occidentali', 'Balcani occidentali (specificare Paesi)', 'Western Balkans (specify countries)'),
      ],
      required: true,
    },
    {
      key: 'paesi',
      type: 'countries',
      section: prioritaSection,
      label: l('Paesi (specificare)', 'Countries (specify)'),
      ...countries(),
    },
  ],
};

export const SURVEY_TEMPLATES: readonly SurveyTemplate[] = [enteProfile, criticita, priorita];
export const TEMPLATE_KEYS = SURVEY_TEMPLATES.map((t) => t.key);
export const findTemplate = (key: string) => SURVEY_TEMPLATES.find((t) => t.key === key);
