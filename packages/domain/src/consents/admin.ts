import { auditRepo, consentRepo, type UserRow } from '@hubspoke/db';
import { isAdmin } from '../permissions.js';
import { ADMIN_TEXT_MAX, prepareAdminText } from '../shared/admin-text.js';
import { csvLine, csvText } from '../shared/csv.js';
import { decodeCursor, encodeCursor, pageSize } from '../shared/cursor.js';
import type { Deps } from '../shared/deps.js';
import { forbidden, notFound } from '../shared/errors.js';
import { queueMail } from '../shared/mail-queue.js';
import { paths } from '../shared/urls.js';
import { type AcceptanceDto, type ConsentKind, isConsentKind } from './dto.js';

export const CONSENT_TEXT_MAX = ADMIN_TEXT_MAX;

function adminKind(actor: UserRow, kind: string): ConsentKind {
  if (!isAdmin(actor)) throw forbidden('Only admins manage the programme’s consents');
  if (!isConsentKind(kind)) throw notFound('consent_kind');
  return kind;
}

/**
 * Publishes a new version of a kind: from the next page view everyone is asked again, and those
 * it concerns get a short mail (a new Patto: every participant; a new Liberatoria: whoever gave
 * the old one), queued in the same transaction so none is lost or sent for a version not saved.
 */
export async function publishConsentVersion(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  actor: UserRow,
  kindName: string,
  input: { textIt: string; textEn: string },
  options: { mail?: boolean } = {},
): Promise<{ kind: ConsentKind; version: number; mailed: number }> {
  const kind = adminKind(actor, kindName);
  const it = prepareAdminText(deps, 'textIt', input.textIt);
  const en = prepareAdminText(deps, 'textEn', input.textEn);
  return deps.db.transaction().execute(async (tx) => {
    const saved = await consentRepo.insertVersion(tx, {
      kind,
      text_it: it.text,
      text_en: en.text,
      html_it: it.html,
      html_en: en.html,
      published_by: actor.id,
      published_at: deps.clock.now(),
    });
    await auditRepo.record(tx, {
      actorId: actor.id,
      action: 'consent.publish',
      subjectType: 'consent',
      subjectId: kind,
      data: { version: saved.version },
    });
    let mailed = 0;
    if (kind !== 'privacy' && options.mail !== false) {
      for (const person of await consentRepo.recipientsOfNewVersion(tx, kind, saved.version)) {
        if (person.id === actor.id) continue;
        await queueMail(tx, {
          template: `consent_${kind}`,
          recipient: person.email,
          locale: person.locale,
          data: { url: deps.config.publicUrl + paths.consent(kind) },
        });
        mailed += 1;
      }
    }
    return { kind, version: saved.version, mailed };
  });
}

function stateOf(row: consentRepo.AcceptanceRow, current: number | undefined): AcceptanceDto['state'] {
  if (row.action === null) return 'never';
  if (row.action === 'revoke') return 'revoked';
  return row.version === current ? 'accepted' : 'outdated';
}

/** Who accepted which version and when, and who has not: everyone, keyset by id. */
export async function listAcceptances(
  deps: Pick<Deps, 'db'>,
  actor: UserRow,
  kindName: string,
  options: { cursor?: string; limit?: number } = {},
): Promise<{ items: AcceptanceDto[]; nextCursor: string | null; currentVersion: number | null }> {
  const kind = adminKind(actor, kindName);
  const limit = pageSize(options.limit);
  const after = decodeCursor(options.cursor, (c): c is { id: number } => Number.isSafeInteger(c?.id));
  const [current, rows] = await Promise.all([
    consentRepo.currentVersion(deps.db, kind),
    consentRepo.acceptances(deps.db, kind, { limit: limit + 1, ...(after ? { afterUserId: after.id } : {}) }),
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    currentVersion: current?.version ?? null,
    items: page.map((row) => ({
      user: { id: row.user_id, displayName: row.display_name, email: row.email, role: row.role },
      ente: row.ente_name,
      state: stateOf(row, current?.version),
      version: row.version,
      at: row.created_at?.toISOString() ?? null,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ id: last.user_id }) : null,
  };
}

/** The same list as a spreadsheet, every page of it. */
export async function acceptancesCsv(deps: Pick<Deps, 'db'>, actor: UserRow, kind: string): Promise<string> {
  const lines = ['user_id,name,email,role,ente,state,version,at'];
  let cursor: string | undefined;
  do {
    const page = await listAcceptances(deps, actor, kind, { limit: 100, ...(cursor ? { cursor } : {}) });
    for (const a of page.items) {
      lines.push(csvLine([a.user.id, a.user.displayName, a.user.email, a.user.role, a.ente, a.state, a.version, a.at]));
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return csvText(lines);
}
