import { Readable } from 'node:stream';
import { enteRepo, type Role, tableRepo, tutoringRepo, type UserRow, userRepo } from '@hubspoke/db';
import sharp from 'sharp';
import { createUser } from '../auth/users.js';
import { publishConsentVersion } from '../consents/admin.js';
import { acceptConsent } from '../consents/consents.js';
import { postConversationMessage, startConversation } from '../conversations/conversations.js';
import { saveCv } from '../cv/cv.js';
import { createExperience, updateExperience } from '../experiences/experiences.js';
import { createStakeholder } from '../experiences/stakeholders.js';
import { saveDraft } from '../forum/drafts.js';
import { reply } from '../forum/posts.js';
import { createThread, updateThread } from '../forum/threads.js';
import { uploadForPost } from '../forum/uploads.js';
import { createPathSession, createProduct, setAttendance } from '../path/path.js';
import { systemClock } from '../shared/clock.js';
import type { Deps } from '../shared/deps.js';
import { noPublisher } from '../shared/events.js';
import type { RateLimitStore } from '../shared/rate-limit.js';
import { saveSitePage } from '../site/pages.js';
import { createSurvey, saveSurveyResponse, updateSurvey } from '../surveys/surveys.js';
import { findTemplate } from '../surveys/templates.js';
import { DEMO_CONVERSATIONS, DEMO_PICTURE } from './conversations.js';
import { DEMO_CVS } from './cvs.js';
import {
  CONSENT_TEXTS,
  DEMO_CONSENTS,
  DEMO_PASSWORD,
  DEMO_POOLS,
  DEMO_SURVEYS,
  ENTI,
  PEOPLE,
  THREADS,
} from './data.js';
import { DEMO_EXPERIENCES, DEMO_STAKEHOLDERS } from './experiences.js';
import { DEMO_PATH } from './path.js';
import { DEMO_SITE_PAGES } from './site.js';

/**
 * A small Italian demo: four enti with a lab each, two regional tables, one interregional
 * table, one account per role and a tutor for each focus area. Running it again changes nothing
 * (`loaded` is then false). Returns the accounts and their shared password, to show.
 */
export async function loadDemo(deps: Pick<Deps, 'db' | 'config'>) {
  const { db, config } = deps;
  const accounts = PEOPLE.map(({ email, name, role }) => ({ email, name, role }));
  const existing = await userRepo.findByEmail(db, PEOPLE[0]?.email ?? '');
  if (existing) return { loaded: false, password: DEMO_PASSWORD, accounts };
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
  const writing = { db, config, clock: systemClock, rateLimits: unlimited, events: noPublisher };
  await seedThreads(writing);
  await seedConversations(writing);
  // Before the Patto is published, so that every demo ente can answer.
  await seedSurveys({ db, clock: systemClock, events: noPublisher });
  await seedConsents({ db, config, clock: systemClock });
  const admin = await userRepo.findByEmail(db, PEOPLE[0]?.email ?? '');
  for (const [slug, text] of Object.entries(DEMO_SITE_PAGES)) {
    if (admin)
      await saveSitePage({ db, config, clock: systemClock }, admin, slug, { textIt: text.it, textEn: text.en });
  }
  for (const [email, cv] of DEMO_CVS) {
    const person = await userRepo.findByEmail(db, email);
    if (person) await saveCv({ db, clock: systemClock }, person, cv);
  }
  await seedPath({ db, config, clock: systemClock });
  await seedExperiences({ db });
  return { loaded: true, password: DEMO_PASSWORD, accounts };
}

/** The Bari lab's path: sessions planned by the moderator, attendance of the past ones, products due. */
async function seedPath(deps: Pick<Deps, 'db' | 'config' | 'clock'>): Promise<void> {
  const moderator = await userRepo.findByEmail(deps.db, 'moderatore@demo.hubspoke.it');
  const tables = await tableRepo.listVisible(deps.db, { id: 0, role: 'admin' });
  const lab = tables.find((t) => t.name === DEMO_PATH.table);
  if (!moderator || !lab) return;
  const members = (await tableRepo.listMembers(deps.db, lab.id)).filter((m) => m.role === 'participant');
  const day = (inDays: number) => new Date(Date.now() + inDays * 86_400_000);
  for (const s of DEMO_PATH.sessions) {
    const start = day(s.inDays);
    start.setUTCHours(8, 30, 0, 0);
    const session = await createPathSession(deps, moderator, lab.id, {
      title: s.title,
      dimension: s.dimension,
      startsAt: start.toISOString(),
      days: s.days,
      place: s.place ?? null,
      online: s.online ?? null,
    });
    if (s.attended)
      await setAttendance(
        deps,
        moderator,
        lab.id,
        session.id,
        members.map((m) => m.id),
      );
  }
  for (const p of DEMO_PATH.products) {
    const dueAt = day(p.inDays).toISOString().slice(0, 10);
    await createProduct(deps, moderator, lab.id, { documentKind: p.documentKind, dimension: p.dimension, dueAt });
  }
}

/** Schede di valorizzazione (two published by the moderator, one still a draft) and stakeholders. */
async function seedExperiences(deps: Pick<Deps, 'db'>): Promise<void> {
  const moderator = await userRepo.findByEmail(deps.db, 'moderatore@demo.hubspoke.it');
  const enti = new Map((await enteRepo.list(deps.db)).map((e) => [e.name, e.id]));
  for (const { author, ente, published, sheet } of DEMO_EXPERIENCES) {
    const person = await userRepo.findByEmail(deps.db, author);
    const enteId = enti.get(ente);
    if (!person || enteId === undefined) continue;
    const created = await createExperience(deps, person, { ...sheet, enteId });
    if (published && moderator) await updateExperience(deps, moderator, created.id, { status: 'published' });
  }
  for (const { keeper, ente, entry } of DEMO_STAKEHOLDERS) {
    const person = await userRepo.findByEmail(deps.db, keeper);
    const enteId = enti.get(ente);
    if (person && enteId !== undefined) await createStakeholder(deps, person, { ...entry, enteId });
  }
}

/** The demo writes as its people would, through the same services, without the posting limits. */
const unlimited: RateLimitStore = { hit: async () => ({ count: 0, retryAfterSeconds: 0 }), reset: async () => {} };

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
    const moderator = people.get('moderatore@demo.hubspoke.it');
    if (t.slowModeMinutes && moderator)
      await updateThread(deps, moderator, thread.id, { slowModeMinutes: t.slowModeMinutes });
    const writer = t.draft ? people.get(t.draft[0]) : undefined;
    if (t.draft && writer) await saveDraft(deps, writer, { threadId: thread.id }, { body: t.draft[1] });
  }
}

/** Private conversations, and a lab thread with a picture uploaded as the composer does. */
async function seedConversations(deps: Deps): Promise<void> {
  const person = (email: string) => userRepo.findByEmail(deps.db, email);
  for (const c of DEMO_CONVERSATIONS) {
    const from = await person(c.from);
    const to = (await Promise.all(c.to.map(person))).filter((u): u is UserRow => u !== undefined);
    const [first, ...rest] = c.messages;
    if (!from || to.length === 0 || !first) continue;
    const { conversationId } = await startConversation(deps, from, {
      userIds: to.map((u) => u.id),
      title: c.title,
      body: first[1],
      isQuestion: c.isQuestion ?? false,
    });
    for (const [by, body] of rest) {
      const writer = await person(by);
      if (writer) await postConversationMessage(deps, writer, conversationId, { body });
    }
  }
  const author = await person(DEMO_PICTURE.by);
  const tables = await tableRepo.listVisible(deps.db, { id: 0, role: 'admin' });
  const lab = tables.find((t) => t.name === DEMO_PICTURE.table);
  if (!author || !lab) return;
  const png = await sharp(Buffer.from(DEMO_PICTURE.svg)).png().toBuffer();
  const upload = await uploadForPost(deps, author, lab.id, {
    filename: DEMO_PICTURE.fileName,
    stream: Readable.from([png]),
    done: async () => {},
  });
  await createThread(deps, author, {
    tableId: lab.id,
    focusArea: 'cultura',
    kind: 'discussion',
    title: DEMO_PICTURE.threadTitle,
    body: `${DEMO_PICTURE.body}\n\n${upload.markdown}`,
  });
}

/** The seed's questionnaires, made by the moderator for every table and answered by the enti. */
async function seedSurveys(deps: Pick<Deps, 'db' | 'clock' | 'events'>): Promise<void> {
  const moderator = await userRepo.findByEmail(deps.db, 'moderatore@demo.hubspoke.it');
  if (!moderator) return;
  const now = deps.clock.now().getTime();
  for (const s of DEMO_SURVEYS) {
    const survey = await createSurvey(deps, moderator, {
      title: s.title,
      description: findTemplate(s.template)?.description.it ?? '',
      template: s.template,
      respondent: 'ente',
      opensAt: new Date(now - 14 * 86_400_000).toISOString(),
      ...(s.close ? {} : { closesAt: new Date(now + 30 * 86_400_000).toISOString() }),
    });
    for (const [email, answers, submit] of s.answers) {
      const person = await userRepo.findByEmail(deps.db, email);
      if (person) await saveSurveyResponse(deps, person, survey.id, { answers, submit });
    }
    if (s.close) await updateSurvey(deps, moderator, survey.id, { closesAt: new Date(now).toISOString() });
  }
}

/** The Patto, the Liberatoria and the privacy notice, published once the threads are written; no mail goes out. */
async function seedConsents(deps: Pick<Deps, 'db' | 'config' | 'clock'>): Promise<void> {
  const admin = await userRepo.findByEmail(deps.db, PEOPLE[0]?.email ?? '');
  if (!admin) return;
  const versions = new Map<string, number>();
  for (const [kind, text] of Object.entries(CONSENT_TEXTS)) {
    const published = await publishConsentVersion(
      deps,
      admin,
      kind,
      { textIt: text.it, textEn: text.en },
      { mail: false },
    );
    versions.set(kind, published.version);
  }
  for (const [email, kinds] of DEMO_CONSENTS) {
    const person = await userRepo.findByEmail(deps.db, email);
    if (!person) continue;
    for (const kind of kinds) await acceptConsent(deps, person, kind, { version: versions.get(kind) ?? 1, ip: null });
  }
}
