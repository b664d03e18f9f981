import type { Config } from '@hubspoke/config';
import {
  type Database,
  type EnteKind,
  enteRepo,
  type Role,
  tableRepo,
  tutoringRepo,
  type UserRow,
  userRepo,
} from '@hubspoke/db';
import {
  createThread,
  createUser,
  type Deps,
  noPublisher,
  type RateLimitStore,
  reply,
  systemClock,
} from '@hubspoke/domain';

/** The demo's shared password; printed with the accounts so anyone can sign in. */
const DEMO_PASSWORD = 'demo-hubspoke-2026';

const ENTI: Array<{ name: string; kind: EnteKind; region: string }> = [
  { name: 'Comune di Bari', kind: 'comune', region: 'Puglia' },
  { name: 'Comune di Lecce', kind: 'comune', region: 'Puglia' },
  { name: 'Provincia di Palermo', kind: 'provincia', region: 'Sicilia' },
  { name: 'Comune di Napoli', kind: 'comune', region: 'Campania' },
];

const PEOPLE: Array<{ email: string; name: string; role: Role; ente?: string }> = [
  { email: 'admin@demo.hubspoke.it', name: 'Anna Amministratrice', role: 'admin' },
  { email: 'moderatore@demo.hubspoke.it', name: 'Marco Moderatore', role: 'moderator' },
  { email: 'tutor.cultura@demo.hubspoke.it', name: 'Teresa Tutor', role: 'tutor' },
  { email: 'tutor.innovazione@demo.hubspoke.it', name: 'Tommaso Tutor', role: 'tutor' },
  { email: 'giulia.bari@demo.hubspoke.it', name: 'Giulia Ferri', role: 'participant', ente: 'Comune di Bari' },
  { email: 'luca.lecce@demo.hubspoke.it', name: 'Luca Greco', role: 'participant', ente: 'Comune di Lecce' },
  { email: 'sara.palermo@demo.hubspoke.it', name: 'Sara Lo Bianco', role: 'participant', ente: 'Provincia di Palermo' },
  { email: 'paolo.napoli@demo.hubspoke.it', name: 'Paolo Esposito', role: 'participant', ente: 'Comune di Napoli' },
];

/**
 * A small Italian demo: four enti with a lab each, two regional tables, one interregional
 * table, one account per role and a tutor for each focus area. Running it again changes nothing.
 */
export async function seedDemo(db: Database, config: Config): Promise<void> {
  const existing = await userRepo.findByEmail(db, PEOPLE[0]?.email ?? '');
  if (existing) {
    console.log('The demo is already loaded.');
  } else {
    await db.transaction().execute(async (tx) => {
      const enteIds = new Map<string, number>();
      for (const ente of ENTI) enteIds.set(ente.name, (await enteRepo.insert(tx, ente)).id);

      const users = new Map<string, { id: number; role: Role; ente?: string }>();
      for (const p of PEOPLE) {
        const user = await createUser(tx, {
          email: p.email,
          displayName: p.name,
          role: p.role,
          password: DEMO_PASSWORD,
          enteId: p.ente ? (enteIds.get(p.ente) ?? null) : null,
        });
        users.set(p.email, { id: user.id, role: p.role, ...(p.ente ? { ente: p.ente } : {}) });
      }
      const staff = [...users.values()].filter((u) => u.role !== 'participant').map((u) => u.id);

      for (const ente of ENTI) {
        const lab = await tableRepo.insert(tx, {
          name: `Laboratorio ${ente.name.replace(/^(Comune|Provincia) di /, '')}`,
          description: `Il laboratorio dell'ente: ${ente.name}`,
          kind: 'lab',
          regions: [ente.region],
          visibility: 'members',
          ente_id: enteIds.get(ente.name) ?? null,
        });
        const members = [...users.values()].filter((u) => u.ente === ente.name).map((u) => u.id);
        for (const id of [...members, ...staff]) await tableRepo.addMembers(tx, [lab.id], id);
      }
      for (const region of ['Puglia', 'Sicilia']) {
        const table = await tableRepo.insert(tx, {
          name: `Tavolo regionale ${region}`,
          description: `Gli enti della ${region} a confronto`,
          kind: 'regional',
          regions: [region],
          visibility: 'participants',
          ente_id: null,
        });
        const regionEnti = ENTI.filter((e) => e.region === region).map((e) => e.name);
        const locals = [...users.values()].filter((u) => u.ente && regionEnti.includes(u.ente)).map((u) => u.id);
        for (const id of [...locals, ...staff]) await tableRepo.addMembers(tx, [table.id], id);
      }
      const inter = await tableRepo.insert(tx, {
        name: 'Tavolo interregionale Mezzogiorno',
        description: 'Puglia, Sicilia e Campania insieme',
        kind: 'interregional',
        regions: ['Puglia', 'Sicilia', 'Campania'],
        visibility: 'participants',
        ente_id: null,
      });
      for (const id of [...users.values()].map((u) => u.id)) await tableRepo.addMembers(tx, [inter.id], id);
      // Each tutor answers one focus area wherever they may read, so questions reach them.
      for (const [email, focusArea] of DEMO_POOLS) {
        const tutor = users.get(email);
        if (tutor) await tutoringRepo.addToPool(tx, { tutorId: tutor.id, tableId: null, focusArea });
      }
    });
    await seedThreads({ db, config, clock: systemClock, rateLimits: unlimited, events: noPublisher });
    console.log('Demo loaded.');
  }
  console.log(`Demo accounts (password: ${DEMO_PASSWORD}):`);
  for (const p of PEOPLE) console.log(`  ${p.role.padEnd(12)} ${p.email}  ${p.name}`);
}

const DEMO_POOLS: Array<[email: string, focusArea: string]> = [
  ['tutor.cultura@demo.hubspoke.it', 'cultura'],
  ['tutor.innovazione@demo.hubspoke.it', 'innovazione'],
];

/** The demo writes as its people would, through the same services, without the posting limits. */
const unlimited: RateLimitStore = { hit: async () => ({ count: 0, retryAfterSeconds: 0 }), reset: async () => {} };

const THREADS: Array<{
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

async function seedThreads(deps: Deps): Promise<void> {
  const people = new Map<string, UserRow>();
  for (const p of PEOPLE) {
    const user = await userRepo.findByEmail(deps.db, p.email);
    if (user) people.set(p.email, user);
  }
  const tables = new Map((await tableRepo.listVisible(deps.db, { id: 0, role: 'admin' })).map((t) => [t.name, t.id]));
  for (const t of THREADS) {
    const author = people.get(t.by);
    const tableId = tables.get(t.table);
    if (!author || tableId === undefined) continue;
    const { thread } = await createThread(deps, author, {
      tableId,
      focusArea: t.focusArea,
      kind: t.kind,
      title: t.title,
      body: t.body,
    });
    for (const [by, body] of t.replies) {
      const person = people.get(by);
      if (person) await reply(deps, person, thread.id, { body });
    }
  }
}
