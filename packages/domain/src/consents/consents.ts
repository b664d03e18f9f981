import { consentRepo, type UserRow } from '@hubspoke/db';
import { hashText } from '../shared/crypto.js';
import type { Deps } from '../shared/deps.js';
import { AppError, conflict, notFound } from '../shared/errors.js';
import { CONSENT_KINDS, type ConsentDto, type ConsentKind, consentToDto, isConsentKind } from './dto.js';

/** Each kind as the reader sees it: its current text in their language and where they stand. */
export async function listConsents(deps: Pick<Deps, 'db'>, user: UserRow): Promise<ConsentDto[]> {
  const [versions, states] = await Promise.all([
    consentRepo.currentVersions(deps.db),
    consentRepo.statesOf(deps.db, user.id),
  ]);
  return CONSENT_KINDS.map((kind) =>
    consentToDto(
      kind,
      versions.find((v) => v.kind === kind),
      states.find((s) => s.kind === kind),
      user.locale,
    ),
  );
}

export async function getConsent(deps: Pick<Deps, 'db'>, user: UserRow, kind: string): Promise<ConsentDto> {
  const found = (await listConsents(deps, user)).find((c) => c.kind === kind);
  if (!found) throw notFound('consent_kind');
  return found;
}

function knownKind(kind: string): ConsentKind {
  if (!isConsentKind(kind)) throw notFound('consent_kind');
  return kind;
}

/**
 * Records that the person accepts the current version, and the hash of the very text they were
 * shown (in their language). Accepting what one already holds changes nothing.
 */
export async function acceptConsent(
  deps: Pick<Deps, 'db' | 'clock'>,
  user: UserRow,
  kindName: string,
  input: { version: number; ip: string | null },
): Promise<ConsentDto> {
  const kind = knownKind(kindName);
  await deps.db.transaction().execute(async (tx) => {
    const current = await consentRepo.currentVersion(tx, kind);
    if (!current) throw notFound('consent_version');
    if (input.version !== current.version) {
      throw conflict('consent_version_stale', `Version ${current.version} is the current one: read it and accept that`);
    }
    const latest = (await consentRepo.statesOf(tx, user.id)).find((s) => s.kind === kind);
    if (latest?.action === 'accept' && latest.version === current.version) return;
    await consentRepo.insertRecord(tx, {
      user_id: user.id,
      kind,
      version: current.version,
      action: 'accept',
      text_sha256: hashText(user.locale === 'en' ? current.html_en : current.html_it),
      ip: input.ip,
      created_at: deps.clock.now(),
    });
  });
  return getConsent(deps, user, kind);
}

/**
 * Withdraws a consent. The Patto is the commitment to the whole path: leaving it is an admin's
 * act, never a participant's button. Withdrawing the Liberatoria takes the person out of the
 * directory at once, since the directory reads this very record.
 */
export async function revokeConsent(
  deps: Pick<Deps, 'db' | 'clock'>,
  user: UserRow,
  kindName: string,
  input: { ip: string | null },
): Promise<ConsentDto> {
  const kind = knownKind(kindName);
  if (kind === 'patto' && user.role !== 'admin') {
    throw conflict('consent_not_revocable', 'The Patto cannot be withdrawn here: ask the programme’s administrators');
  }
  await deps.db.transaction().execute(async (tx) => {
    const latest = (await consentRepo.statesOf(tx, user.id)).find((s) => s.kind === kind);
    if (latest?.action !== 'accept')
      throw conflict('consent_not_accepted', 'There is no consent of this kind to withdraw');
    const withdrawn = await consentRepo.findVersion(tx, kind, latest.version);
    await consentRepo.insertRecord(tx, {
      user_id: user.id,
      kind,
      version: latest.version,
      action: 'revoke',
      text_sha256: hashText((user.locale === 'en' ? withdrawn?.html_en : withdrawn?.html_it) ?? ''),
      ip: input.ip,
      created_at: deps.clock.now(),
    });
  });
  return getConsent(deps, user, kind);
}

/**
 * Participants write only once they hold the current Patto; staff run the programme and are not
 * asked. With no Patto published nothing is gated.
 */
export async function assertPattoAccepted(deps: Pick<Deps, 'db'>, actor: Pick<UserRow, 'id' | 'role'>): Promise<void> {
  if (actor.role !== 'participant') return;
  if (await consentRepo.lacksCurrent(deps.db, 'patto', actor.id)) {
    throw new AppError(403, 'patto_required', 'Accept the current Patto before writing in the community');
  }
}

/** The current text of a kind for anyone, signed in or not (the privacy notice is linked from every page). */
export async function currentConsentText(deps: Pick<Deps, 'db'>, kind: ConsentKind, locale: 'it' | 'en') {
  const current = await consentRepo.currentVersion(deps.db, kind);
  if (!current) return null;
  return {
    version: current.version,
    html: locale === 'en' ? current.html_en : current.html_it,
    publishedAt: current.published_at.toISOString(),
  };
}
