import type { Role, TableRow } from '@hubspoke/db';

/**
 * Who may see and do what: the one place these rules are written. Repositories carry the SQL
 * form of `canReadTable` (tableVisibleTo), kept in step by a test.
 */
export interface Actor {
  id: number;
  role: Role;
}

export const isAdmin = (actor: Actor) => actor.role === 'admin';
export const isStaff = (actor: Actor) => actor.role === 'moderator' || actor.role === 'admin';

export function canReadTable(actor: Actor, table: Pick<TableRow, 'visibility'>, isMember: boolean): boolean {
  return isAdmin(actor) || isMember || table.visibility === 'participants';
}

/**
 * A thread is as visible as its table; one about a document not yet published (its discussion,
 * a request for review) only as visible as that draft (`threadVisibleTo` is the SQL form).
 */
export function canReadThread(
  actor: Actor,
  thread: { draft_document_id: number | null },
  table: Pick<TableRow, 'visibility'>,
  isMember: boolean,
  draftAuthorId: number | null,
): boolean {
  if (!canReadTable(actor, table, isMember)) return false;
  return thread.draft_document_id === null || canSeeDocumentDrafts(actor, { author_id: draftAuthorId ?? 0 }, isMember);
}

/** Moderators moderate the tables they are members of; admins everywhere. */
export function canModerateTable(actor: Actor, isMember: boolean): boolean {
  return isAdmin(actor) || (actor.role === 'moderator' && isMember);
}

export function canManageMembers(actor: Actor, isMember: boolean): boolean {
  return canModerateTable(actor, isMember);
}

export const canCreateTables = isAdmin;
export const canManageEnti = isAdmin;
export const canInvite = isAdmin;
export const canChangeRoles = isAdmin;

/** Writing in a table takes membership (admins write everywhere); reading open tables does not. */
export function canPostInTable(actor: Actor, isMember: boolean): boolean {
  return isAdmin(actor) || isMember;
}

export const canCreateAnnouncement = isStaff;

/** Locked threads take replies only from those who moderate the table. */
export function canReplyToThread(actor: Actor, thread: { locked: boolean }, isMember: boolean): boolean {
  return canPostInTable(actor, isMember) && (!thread.locked || canModerateTable(actor, isMember));
}

export function canEditPost(
  actor: Actor,
  post: { author_id: number; deleted_at: Date | null; hidden_at: Date | null },
  moderates: boolean,
): boolean {
  if (moderates) return true;
  return post.author_id === actor.id && post.deleted_at === null && post.hidden_at === null;
}

/** Hidden posts stay readable to their author and to moderators, so they can be discussed and restored. */
export function canSeeHiddenPost(actor: Actor, post: { author_id: number }, moderates: boolean): boolean {
  return moderates || post.author_id === actor.id;
}

/** Who follows a document through review: the table's tutors and moderators, and admins. */
export function canReviewDocuments(actor: Actor, isMember: boolean): boolean {
  return isAdmin(actor) || (isMember && (actor.role === 'tutor' || actor.role === 'moderator'));
}

/**
 * A document is as visible as its table once a version of it is published; before that it is a
 * draft, seen only by its author and its reviewers (`documentVisibleTo` is the SQL form).
 */
export function canSeeDocument(
  actor: Actor,
  document: { author_id: number; published_version_id: number | null },
  table: Pick<TableRow, 'visibility'>,
  isMember: boolean,
): boolean {
  if (!canReadTable(actor, table, isMember)) return false;
  return document.published_version_id !== null || canSeeDocumentDrafts(actor, document, isMember);
}

/** Unpublished versions, and the review history, stay with the author and the reviewers. */
export function canSeeDocumentDrafts(actor: Actor, document: { author_id: number }, isMember: boolean): boolean {
  return document.author_id === actor.id || canReviewDocuments(actor, isMember);
}

/** Authors share, revise and submit documents in tables they can write in. */
export function canAuthorDocument(actor: Actor, document: { author_id: number }, isMember: boolean): boolean {
  return document.author_id === actor.id && canPostInTable(actor, isMember);
}

/** Publishing, asking for changes, featuring and archiving are for the table's moderators. */
export const canCurateDocuments = canModerateTable;

/** A reply answers a question when it comes from a tutor, or from whoever the question is assigned to. */
export function isAnsweringTutor(actor: Actor, thread: { assigned_tutor_id: number | null }): boolean {
  return actor.role === 'tutor' || thread.assigned_tutor_id === actor.id;
}

/** The asker, the assigned tutor and the table's moderators may accept an answer. */
export function canAcceptAnswer(
  actor: Actor,
  thread: { author_id: number; assigned_tutor_id: number | null },
  moderates: boolean,
): boolean {
  return moderates || actor.id === thread.author_id || actor.id === thread.assigned_tutor_id;
}

/** Experiences and stakeholders: the ente's own people, with the tutors, moderators and admins. */
interface EnteActor extends Actor {
  ente_id: number | null;
}

/** Tutors, moderators and admins work with every ente; a participant with their own. */
export function canWorkForEnte(actor: EnteActor, enteId: number): boolean {
  return actor.role !== 'participant' || actor.ente_id === enteId;
}

/** The author and the moderators edit a sheet; while it is a draft, so do its ente's people and tutors. */
export function canEditExperience(
  actor: EnteActor,
  experience: { author_id: number | null; ente_id: number; status: 'draft' | 'published' },
): boolean {
  if (isStaff(actor) || experience.author_id === actor.id) return true;
  return experience.status === 'draft' && canWorkForEnte(actor, experience.ente_id);
}

/** Publishing a sheet (and taking it back to draft) is for moderators and admins. */
export const canPublishExperiences = isStaff;

/** Each ente keeps its stakeholders; tutors, moderators and admins help. */
export const canKeepStakeholders = canWorkForEnte;
