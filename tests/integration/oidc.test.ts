import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openOidcFlow, sealOidcFlow } from '@hubspoke/domain';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newEnte, newTable, newUser, signedIn } from '../support/factories.js';

/**
 * The whole sign-in through an OpenID Connect provider: a real oidc-provider listens on a local
 * port, the app discovers it and exchanges codes with it over HTTP, and the test plays the
 * browser (cookies, redirects) between the two.
 */

const CLIENT_ID = 'hubspoke-test';
const CLIENT_SECRET = 'a-client-secret-for-the-test-provider';
const REDIRECT_URI = 'http://forum.test/accedi/ente/callback';

/** What each subject's provider account says about itself; tests change it between sign-ins. */
const accounts = new Map<string, { email?: string; email_verified?: boolean; name?: string }>();
/** The subject the provider's login interaction signs in next. */
let loginAs = '';

interface TestProvider {
  issuer: string;
  close(): Promise<void>;
}

async function startProvider(): Promise<TestProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [REDIRECT_URI],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...key, kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['test-provider-cookie-key'] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The claims of the scopes go in the ID token, which is all the app reads.
    conformIdTokenClaims: false,
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      return { accountId: id, claims: async () => ({ sub: id, ...accounts.get(id) }) };
    },
    // No consent screen: every scope the client asks for is granted.
    async loadExistingGrant(ctx) {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  const callback = provider.callback();
  server.on('request', (req, res) => {
    // The login interaction, answered at once for `loginAs`, as a person typing their password would.
    if (req.url?.startsWith('/interaction/')) {
      provider
        .interactionFinished(req, res, { login: { accountId: loginAs } }, { mergeWithLastSubmission: false })
        .catch((error: unknown) => {
          res.statusCode = 500;
          res.end(String(error));
        });
      return;
    }
    callback(req, res);
  });
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The browser at the provider: follows its redirects with its cookies until it is sent back to us. */
async function atProvider(authorizationUrl: string): Promise<string> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  for (let hop = 0; hop < 10; hop++) {
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const set of response.headers.getSetCookie()) {
      const pair = set.split(';')[0] ?? '';
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (value) jar.set(name, value);
      else jar.delete(name);
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`the provider answered ${response.status}: ${await response.text()}`);
    const next = new URL(location, url);
    if (next.href.startsWith(REDIRECT_URI)) return `${next.pathname}${next.search}`;
    url = next.href;
  }
  throw new Error('the provider never sent the browser back');
}

let provider: TestProvider;
let otherProvider: TestProvider;
let ctx: TestContext;
let strict: TestContext;

const oidcEnv = () => ({
  OIDC_ISSUER: provider.issuer,
  OIDC_CLIENT_ID: CLIENT_ID,
  OIDC_CLIENT_SECRET: CLIENT_SECRET,
  OIDC_BUTTON_LABEL: 'Entra con SPID o CIE',
});

beforeAll(async () => {
  provider = await startProvider();
  otherProvider = await startProvider();
  ctx = await createTestContext(oidcEnv());
  strict = await createTestContext({ ...oidcEnv(), LOCAL_PASSWORDS: 'off' });
});
afterAll(async () => {
  await ctx?.close();
  await strict?.close();
  await provider?.close();
  await otherProvider?.close();
});

/** `GET /accedi/ente`: where the browser is sent, and the sealed cookie it now carries. */
async function start(app: TestContext, next?: string) {
  const url = next === undefined ? '/accedi/ente' : `/accedi/ente?${new URLSearchParams({ next })}`;
  const response = await app.request({ method: 'GET', url });
  expect(response.statusCode).toBe(302);
  const flow = response.cookies.find((c) => c.name === 'hs_oidc');
  expect(flow).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  return { authorizationUrl: String(response.headers.location), flow: String(flow?.value) };
}

const callback = (app: TestContext, path: string, flow: string | undefined) =>
  app.request({ method: 'GET', url: path, headers: flow ? { cookie: `hs_oidc=${flow}` } : {} });

/** The whole round trip for `subject`: the callback's answer. */
async function signInAs(app: TestContext, subject: string, next?: string) {
  const { authorizationUrl, flow } = await start(app, next);
  loginAs = subject;
  return callback(app, await atProvider(authorizationUrl), flow);
}

const sessionOf = (response: { cookies: Array<{ name: string; value: string; httpOnly?: boolean }> }) =>
  response.cookies.find((c) => c.name === 'hs_session' && c.value);

async function me(app: TestContext, cookie: { value: string }) {
  const response = await app.request({
    method: 'GET',
    url: '/api/me',
    headers: { cookie: `hs_session=${cookie.value}` },
  });
  expect(response.statusCode).toBe(200);
  return response.json().user as {
    id: number;
    email: string;
    role: string;
    enteId: number | null;
    displayName: string;
  };
}

let subjects = 0;
const newSubject = (claims: { email?: string; email_verified?: boolean; name?: string }) => {
  const subject = `soggetto-${++subjects}`;
  accounts.set(subject, claims);
  return subject;
};

describe('sign-in through the organisation’s identity provider', () => {
  it('shows the provider’s button beside the password form', async () => {
    const page = await ctx.request({ method: 'GET', url: '/accedi?next=/notifiche' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Entra con SPID o CIE');
    expect(page.body).toContain('href="/accedi/ente?next=%2Fnotifiche"');
    expect(page.body).toContain('name="password"');
  });

  it('lets an existing account in by its verified email, lands on next, and keeps the link when the email changes', async () => {
    const user = await newUser(ctx, { email: 'maria.rossi@comune.example.it' });
    const subject = newSubject({ email: 'Maria.Rossi@Comune.Example.it', email_verified: true, name: 'Maria Rossi' });

    const first = await signInAs(ctx, subject, '/notifiche');
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/notifiche');
    const cookie = sessionOf(first);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(first.cookies.find((c) => c.name === 'hs_oidc')?.value).toBe('');
    expect((await me(ctx, cookie ?? { value: '' })).id).toBe(user.id);
    const links = await ctx.db.selectFrom('oidc_identities').selectAll().where('user_id', '=', user.id).execute();
    expect(links).toMatchObject([{ issuer: provider.issuer, subject }]);

    // The provider now says another address (even an unverified one): the link still finds her.
    accounts.set(subject, { email: 'm.rossi@altro.example.it', email_verified: false });
    const second = await signInAs(ctx, subject);
    expect(second.statusCode).toBe(303);
    expect(second.headers.location).toBe('/');
    expect((await me(ctx, sessionOf(second) ?? { value: '' })).id).toBe(user.id);
  });

  it('accepts a pending invitation: the account gets the invitation’s role, ente and tables', async () => {
    const admin = await signedIn(ctx, { role: 'admin' });
    const ente = await newEnte(ctx, { name: 'Comune di Lecce' });
    const lab = await newTable(ctx, { name: 'Laboratorio via ente' });
    const email = 'invitato.ente@comune.example.it';
    const invited = await ctx.request({
      method: 'POST',
      url: '/api/invitations',
      as: admin.session,
      payload: { email, role: 'tutor', enteId: ente.id, tableIds: [lab.id] },
    });
    expect(invited.statusCode).toBe(201);
    const subject = newSubject({ email: email.toUpperCase(), email_verified: true, name: 'Giulia Bianchi' });

    const response = await signInAs(ctx, subject, '/spazi');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/spazi');
    const user = await me(ctx, sessionOf(response) ?? { value: '' });
    expect(user).toMatchObject({ email, role: 'tutor', enteId: ente.id, displayName: 'Giulia Bianchi' });
    const invitation = await ctx.db.selectFrom('invitations').selectAll().where('email', '=', email).executeTakeFirst();
    expect(invitation?.accepted_at).not.toBeNull();
    const membership = await ctx.db
      .selectFrom('table_members')
      .selectAll()
      .where('user_id', '=', user.id)
      .where('table_id', '=', lab.id)
      .executeTakeFirst();
    expect(membership).toBeDefined();
  });

  it('goes only to paths on this site after signing in', async () => {
    await newUser(ctx, { email: 'solo.percorsi@comune.example.it' });
    const subject = newSubject({ email: 'solo.percorsi@comune.example.it', email_verified: true });
    const response = await signInAs(ctx, subject, '//evil.example/rubare');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
  });

  it('refuses an email the provider did not verify, with no session', async () => {
    await newUser(ctx, { email: 'non.verificata@comune.example.it' });
    const subject = newSubject({ email: 'non.verificata@comune.example.it', email_verified: false });
    const response = await signInAs(ctx, subject);
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('non conferma il tuo indirizzo email');
    expect(sessionOf(response)).toBeUndefined();
    const links = await ctx.db.selectFrom('oidc_identities').selectAll().where('subject', '=', subject).execute();
    expect(links).toEqual([]);
  });

  it('refuses an address with no account and no invitation, saying so', async () => {
    const subject = newSubject({ email: 'sconosciuta@comune.example.it', email_verified: true });
    const response = await signInAs(ctx, subject);
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body).toContain(
      'Il tuo account non è stato ancora invitato: chiedi all&#39;amministratore del programma',
    );
    expect(sessionOf(response)).toBeUndefined();
  });

  it('refuses a deactivated account', async () => {
    const user = await newUser(ctx, { email: 'disattivata@comune.example.it' });
    await ctx.db.updateTable('users').set({ deactivated_at: new Date() }).where('id', '=', user.id).execute();
    const subject = newSubject({ email: 'disattivata@comune.example.it', email_verified: true });
    const response = await signInAs(ctx, subject);
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Questo account è disattivato');
    expect(sessionOf(response)).toBeUndefined();
  });

  it('refuses a wrong or missing state with a 400 page and no session', async () => {
    await newUser(ctx, { email: 'stato@comune.example.it' });
    const subject = newSubject({ email: 'stato@comune.example.it', email_verified: true });
    const { authorizationUrl, flow } = await start(ctx);
    loginAs = subject;
    const path = await atProvider(authorizationUrl);
    const url = new URL(path, 'http://forum.test');
    url.searchParams.set('state', 'uno-stato-inventato');
    const wrong = await callback(ctx, `${url.pathname}${url.search}`, flow);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Accesso non riuscito');
    expect(wrong.body).toContain('Questo accesso non è partito da qui');
    expect(sessionOf(wrong)).toBeUndefined();

    // The right state, but no cookie (another browser, or one that already used it).
    const noCookie = await callback(ctx, path, undefined);
    expect(noCookie.statusCode).toBe(400);
    expect(sessionOf(noCookie)).toBeUndefined();
    // A cookie that was changed does not open either.
    const forged = await callback(ctx, path, `${flow.slice(0, -4)}AAAA`);
    expect(forged.statusCode).toBe(400);
    expect(sessionOf(forged)).toBeUndefined();
  });

  it('refuses an ID token whose nonce is not the one stored for this sign-in', async () => {
    await newUser(ctx, { email: 'nonce@comune.example.it' });
    const subject = newSubject({ email: 'nonce@comune.example.it', email_verified: true });
    const { authorizationUrl, flow } = await start(ctx);
    const stored = openOidcFlow(ctx.config.appSecret, flow);
    if (!stored) throw new Error('the flow cookie does not open');
    const tampered = sealOidcFlow(ctx.config.appSecret, { ...stored, nonce: 'un-altro-nonce' });
    loginAs = subject;
    const response = await callback(ctx, await atProvider(authorizationUrl), tampered);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('La risposta del sistema di identità del tuo ente non è valida');
    expect(sessionOf(response)).toBeUndefined();
  });

  it('refuses an answer from another issuer reaching the same callback', async () => {
    await newUser(ctx, { email: 'emittente@comune.example.it' });
    const subject = newSubject({ email: 'emittente@comune.example.it', email_verified: true });
    const { authorizationUrl, flow } = await start(ctx);
    // The same request (client, redirect, state, nonce, PKCE challenge), answered by the other provider.
    const elsewhere = new URL(authorizationUrl);
    const other = new URL(otherProvider.issuer);
    elsewhere.host = other.host;
    loginAs = subject;
    const path = await atProvider(elsewhere.href);
    expect(new URL(path, 'http://forum.test').searchParams.get('iss')).toBe(otherProvider.issuer);
    const response = await callback(ctx, path, flow);
    expect(response.statusCode).toBe(400);
    expect(sessionOf(response)).toBeUndefined();
    const links = await ctx.db.selectFrom('oidc_identities').selectAll().where('subject', '=', subject).execute();
    expect(links).toEqual([]);
  });

  it('reads a refusal at the provider as a 400 page', async () => {
    const response = await ctx.request({
      method: 'GET',
      url: `/accedi/ente/callback?error=access_denied&state=x&iss=${encodeURIComponent(provider.issuer)}`,
    });
    expect(response.statusCode).toBe(400);
    expect(sessionOf(response)).toBeUndefined();
  });
});

describe('LOCAL_PASSWORDS=off', () => {
  const form = (url: string, fields: Record<string, string>) =>
    strict.request({
      method: 'POST',
      url,
      payload: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: strict.config.publicOrigin },
    });

  it('shows only the provider’s button on the sign-in page', async () => {
    const page = await strict.request({ method: 'GET', url: '/accedi' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Entra con SPID o CIE');
    expect(page.body).not.toContain('name="password"');
    expect(page.body).not.toContain('/password/reimposta');
    expect(page.body).not.toContain('action="/accedi"');
  });

  it('refuses the password form, password resets and invitation passwords with a 403 page', async () => {
    const user = await newUser(strict, { email: 'password.spenta@comune.example.it' });
    const signIn = await form('/accedi', { email: user.email, password: user.password });
    expect(signIn.statusCode).toBe(403);
    expect(signIn.body).toContain('Qui le password non si usano');
    expect(sessionOf(signIn)).toBeUndefined();
    for (const url of ['/password/reimposta', '/password/nuova/qualcosa', '/invito/qualcosa']) {
      const page = await strict.request({ method: 'GET', url });
      expect(page.statusCode, url).toBe(403);
      expect(page.body).toContain('Qui le password non si usano');
    }
    const reset = await form('/password/reimposta', { email: user.email });
    expect(reset.statusCode).toBe(403);
  });

  it('refuses the API’s password login and its password parts with 403 local_passwords_off', async () => {
    const user = await newUser(strict, { email: 'api.spenta@comune.example.it' });
    const login = await strict.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: user.password },
    });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.code).toBe('local_passwords_off');
    expect(sessionOf(login)).toBeUndefined();
    const reset = await strict.request({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { email: user.email },
    });
    expect(reset.statusCode).toBe(403);
    expect(reset.json().error.code).toBe('local_passwords_off');
    const accept = await strict.request({
      method: 'POST',
      url: '/api/auth/accept-invitation',
      payload: { token: 'qualcosa', password: 'una password lunga', displayName: 'Qualcuno' },
    });
    expect(accept.statusCode).toBe(403);
    expect(accept.json().error.code).toBe('local_passwords_off');
  });

  it('still lets people in through the provider', async () => {
    const user = await newUser(strict, { email: 'solo.ente@comune.example.it' });
    const subject = newSubject({ email: 'solo.ente@comune.example.it', email_verified: true });
    const response = await signInAs(strict, subject, '/notifiche');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/notifiche');
    expect((await me(strict, sessionOf(response) ?? { value: '' })).id).toBe(user.id);

    // No password to change either: the profile has no such form, and the API refuses it.
    const cookie = `hs_session=${sessionOf(response)?.value}`;
    const profile = await strict.request({ method: 'GET', url: '/profilo', headers: { cookie } });
    expect(profile.statusCode).toBe(200);
    expect(profile.body).not.toContain('action="/profilo/password"');
    const change = await strict.request({
      method: 'PUT',
      url: '/api/me/password',
      headers: { cookie, origin: strict.config.publicOrigin },
      payload: { currentPassword: user.password, newPassword: 'una password nuova e lunga' },
    });
    expect(change.statusCode).toBe(403);
    expect(change.json().error.code).toBe('local_passwords_off');
  });
});
