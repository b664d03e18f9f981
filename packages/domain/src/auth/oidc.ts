import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Config, OidcConfig } from '@hubspoke/config';
import {
  auditRepo,
  invitationRepo,
  oidcIdentityRepo,
  rateLimitRepo,
  type Tx,
  tableRepo,
  type UserRow,
  userRepo,
} from '@hubspoke/db';
import * as client from 'openid-client';
import type { Deps } from '../shared/deps.js';
import { AppError } from '../shared/errors.js';
import { rateLimited } from '../shared/rate-limit.js';
import { accountDeactivated } from './accounts.js';
import { createSession, type IssuedSession } from './sessions.js';
import { createUser } from './users.js';

/**
 * Sign-in through the organisation's OpenID Connect provider: authorization code with PKCE.
 * What the callback must check (state, nonce, PKCE verifier, where to go next) travels in a
 * sealed cookie (AES-256-GCM under a key derived from APP_SECRET), so any api instance can
 * finish a sign-in another one started.
 */

/** How long a person may take at the provider before the sign-in must start again. */
export const OIDC_FLOW_MINUTES = 10;

export interface OidcFlow {
  state: string;
  nonce: string;
  verifier: string;
  /** A same-site path, already checked by the page that started the sign-in. */
  next: string;
  expiresAt: number;
}

/** Refusals a person sees as a page; each code has its words in the accounts messages. */
const refusal = (status: number, code: string, message: string) => new AppError(status, code, message);

export const localPasswordsOff = () =>
  refusal(403, 'local_passwords_off', 'Passwords are turned off here: sign in with your organisation’s identity');

/** Password sign-in, resets and invitation passwords all stop here when LOCAL_PASSWORDS=off. */
export function assertLocalPasswords(config: Pick<Config, 'localPasswords'>): void {
  if (!config.localPasswords) throw localPasswordsOff();
}

const oidcOff = () => new AppError(404, 'not_found', 'Sign-in through an identity provider is not configured');

function flowKey(appSecret: string): Buffer {
  return createHmac('sha256', appSecret).update('hubspoke oidc flow cookie').digest();
}

export function sealOidcFlow(appSecret: string, flow: OidcFlow): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', flowKey(appSecret), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(flow), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The flow a sealed cookie carries, or undefined when it was forged, changed or is not ours. */
export function openOidcFlow(appSecret: string, sealed: string | undefined): OidcFlow | undefined {
  if (!sealed) return undefined;
  try {
    const raw = Buffer.from(sealed, 'base64url');
    if (raw.length < 29) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', flowKey(appSecret), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    const flow = JSON.parse(text) as Partial<OidcFlow>;
    const strings = [flow.state, flow.nonce, flow.verifier, flow.next];
    if (strings.some((s) => typeof s !== 'string') || typeof flow.expiresAt !== 'number') return undefined;
    return flow as OidcFlow;
  } catch {
    return undefined;
  }
}

/** The provider's metadata, discovered once per process; a failed discovery is tried again next time. */
const configurations = new Map<string, Promise<client.Configuration>>();

function providerConfiguration(oidc: OidcConfig): Promise<client.Configuration> {
  const key = `${oidc.issuer}\n${oidc.clientId}\n${oidc.clientSecret}`;
  let found = configurations.get(key);
  if (!found) {
    // http is refused in production by the config; elsewhere it is a provider on this machine.
    const insecure = new URL(oidc.issuer).protocol === 'http:';
    found = client
      .discovery(
        new URL(oidc.issuer),
        oidc.clientId,
        undefined,
        client.ClientSecretBasic(oidc.clientSecret),
        insecure ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
      )
      .catch((error: unknown) => {
        configurations.delete(key);
        throw new AppError(503, 'oidc_unavailable', `The identity provider cannot be reached: ${String(error)}`);
      });
    configurations.set(key, found);
  }
  return found;
}

function oidcConfig(deps: Pick<Deps, 'config'>): OidcConfig {
  const { oidc } = deps.config;
  if (!oidc) throw oidcOff();
  return oidc;
}

/** Starts a sign-in: where to send the browser, and the sealed cookie to set for the callback. */
export async function beginOidcSignIn(
  deps: Pick<Deps, 'config' | 'clock'>,
  input: { next: string },
): Promise<{ url: string; sealed: string; maxAgeSeconds: number }> {
  const oidc = oidcConfig(deps);
  const configuration = await providerConfiguration(oidc);
  const verifier = client.randomPKCECodeVerifier();
  const flow: OidcFlow = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier,
    next: input.next,
    expiresAt: deps.clock.now().getTime() + OIDC_FLOW_MINUTES * 60_000,
  };
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: oidc.redirectUri,
    scope: oidc.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
  });
  return { url: url.href, sealed: sealOidcFlow(deps.config.appSecret, flow), maxAgeSeconds: OIDC_FLOW_MINUTES * 60 };
}

/** What the provider vouches for, read from the verified ID token. */
interface Identity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string;
}

function readIdentity(claims: client.IDToken): Identity {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const email = text(claims.email).toLowerCase();
  const fullName = text(claims.name) || [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email: email || null,
    emailVerified: claims.email_verified === true,
    name: fullName,
  };
}

/** Exchanges the code and verifies the ID token (signature, issuer, audience, nonce, PKCE). */
async function verifiedIdentity(oidc: OidcConfig, callbackUrl: URL, flow: OidcFlow): Promise<Identity> {
  const configuration = await providerConfiguration(oidc);
  try {
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('the provider sent no ID token');
    return readIdentity(claims);
  } catch (error) {
    if (error instanceof client.AuthorizationResponseError) {
      throw refusal(400, 'oidc_provider_error', `The identity provider refused: ${error.error}`);
    }
    throw refusal(400, 'oidc_failed', `The identity provider's answer was not accepted: ${(error as Error).message}`);
  }
}

/** The name an account created from an invitation gets: the provider's, else the email's local part. */
function displayNameFor(identity: Identity, email: string): string {
  const name = identity.name.slice(0, 80).trim();
  if (name.length >= 2) return name;
  const local = (email.split('@')[0] ?? '').slice(0, 80);
  return local.length >= 2 ? local : email.slice(0, 80);
}

/**
 * The account the identity belongs to. A known (issuer, subject) pair wins, whatever the email
 * says now; otherwise a verified email finds an active account or a pending invitation (which
 * is accepted, with its role, ente and tables), and the pair is linked for next time.
 */
async function accountFor(deps: Pick<Deps, 'clock'>, tx: Tx, identity: Identity): Promise<UserRow> {
  const now = deps.clock.now();
  const linked = await oidcIdentityRepo.findUser(tx, identity.issuer, identity.subject);
  if (linked) {
    if (linked.deactivated_at) throw accountDeactivated();
    await oidcIdentityRepo.touch(tx, identity.issuer, identity.subject, now);
    return linked;
  }
  if (!identity.email || !identity.emailVerified) {
    throw refusal(403, 'oidc_email_unverified', 'The identity provider did not vouch for your email address');
  }
  const email = identity.email;
  let user = await userRepo.findByEmail(tx, email);
  if (user?.erased_at) user = undefined;
  let invited = false;
  if (user) {
    if (user.deactivated_at) throw accountDeactivated();
  } else {
    const invitation = await invitationRepo.consumePendingTo(tx, email, now);
    if (!invitation) {
      throw refusal(403, 'oidc_not_invited', 'No account and no pending invitation has this email address');
    }
    user = await createUser(tx, {
      email: invitation.email,
      displayName: displayNameFor(identity, invitation.email),
      // Nobody knows it: the account signs in through the provider (or sets one by reset).
      password: randomBytes(32).toString('base64url'),
      role: invitation.role,
      enteId: invitation.ente_id,
    });
    await tableRepo.addMembers(tx, invitation.table_ids, user.id);
    invited = true;
  }
  const userId = user.id;
  if (!(await oidcIdentityRepo.link(tx, { issuer: identity.issuer, subject: identity.subject, userId, at: now }))) {
    // Another sign-in of the same person linked the pair a moment ago: use that link.
    const raced = await oidcIdentityRepo.findUser(tx, identity.issuer, identity.subject);
    if (!raced) throw refusal(400, 'oidc_failed', 'The identity could not be linked');
    return raced;
  }
  await auditRepo.record(tx, {
    actorId: userId,
    action: 'user.oidc_link',
    subjectType: 'user',
    subjectId: userId,
    data: { issuer: identity.issuer, subject: identity.subject, invited },
  });
  return user;
}

/**
 * Finishes a sign-in at the callback and opens a session, as the password sign-in does. Every
 * attempt counts against the IP's ceiling of failed sign-ins (shared with passwords) until it
 * succeeds, so a stream of forged callbacks is slowed like a stream of guessed passwords.
 */
export async function completeOidcSignIn(
  deps: Deps,
  input: { query: string; sealed: string | undefined; ip: string },
): Promise<{ user: UserRow; session: IssuedSession; next: string }> {
  const oidc = oidcConfig(deps);
  const ipKey = `login:ip-failures:${input.ip}`;
  const { maxPerIp, windowSeconds } = deps.config.login;
  const ipWait = await rateLimitRepo.reserveCeiling(deps.db, ipKey, maxPerIp, windowSeconds);
  if (ipWait > 0) throw rateLimited(ipWait);

  const callbackUrl = new URL(oidc.redirectUri);
  callbackUrl.search = input.query;
  const flow = openOidcFlow(deps.config.appSecret, input.sealed);
  const state = callbackUrl.searchParams.get('state');
  if (!flow || flow.expiresAt <= deps.clock.now().getTime() || !state || state !== flow.state) {
    throw refusal(400, 'oidc_state_invalid', 'This sign-in was not started here, took too long or was already used');
  }
  const identity = await verifiedIdentity(oidc, callbackUrl, flow);
  const { user, session } = await deps.db.transaction().execute(async (tx) => {
    const user = await accountFor(deps, tx, identity);
    return { user, session: await createSession(deps, tx, user.id) };
  });
  await rateLimitRepo.release(deps.db, ipKey);
  return { user, session, next: flow.next };
}
