import type { DocumentStatus, LockedDocument } from '@hubspoke/db';
import { type Actor, canAuthorDocument } from '../permissions.js';
import { conflict, forbidden, invalid } from '../shared/errors.js';

type Mover = 'author' | 'curator';

/**
 * The review workflow: which status may follow which, and who moves it. Authors submit (again
 * after changes are asked, or when a published document has a newer version to review); the
 * table's moderators publish, ask for changes and archive.
 */
const WORKFLOW: Record<DocumentStatus, Partial<Record<DocumentStatus, Mover>>> = {
  draft: { submitted: 'author' },
  changes_requested: { submitted: 'author' },
  submitted: { published: 'curator', changes_requested: 'curator' },
  published: { submitted: 'author', archived: 'curator' },
  archived: {},
};

export const COMMENT_MAX = 5_000;

interface TransitionContext {
  document: LockedDocument;
  isMember: boolean;
  curates: boolean;
}

/** A published document goes back to review only with a newer version to look at. */
const awaitsNewVersion = (document: LockedDocument, to: DocumentStatus) =>
  document.status === 'published' && to === 'submitted' && document.version_count <= (document.published_number ?? 0);

function mayMove(actor: Actor, context: TransitionContext, mover: Mover): boolean {
  return mover === 'curator' ? context.curates : canAuthorDocument(actor, context.document, context.isMember);
}

/** Throws the reason a transition is refused: 409 not from this status, 403 not by you, 400 no comment. */
export function checkTransition(
  actor: Actor,
  context: TransitionContext,
  to: DocumentStatus,
  comment: string | null,
): void {
  const from = context.document.status;
  const mover = WORKFLOW[from][to];
  if (mover === undefined) throw conflict('invalid_transition', `A ${from} document cannot become ${to}`);
  if (!mayMove(actor, context, mover)) {
    throw forbidden(
      mover === 'author' ? 'Only the author can do this' : 'Only the moderators of this table can do this',
    );
  }
  if (awaitsNewVersion(context.document, to)) {
    throw conflict('nothing_to_review', 'Upload a new version before submitting the document again');
  }
  if (to === 'changes_requested' && !comment) {
    throw invalid('comment_required', 'Say what should change');
  }
  if (comment && comment.length > COMMENT_MAX) {
    throw invalid('comment_too_long', `A comment can have at most ${COMMENT_MAX} characters`);
  }
}

/** The statuses this actor could move the document to now, for the page to offer. */
export function allowedTransitions(actor: Actor, context: TransitionContext): DocumentStatus[] {
  return (Object.entries(WORKFLOW[context.document.status]) as Array<[DocumentStatus, Mover]>)
    .filter(([to, mover]) => mayMove(actor, context, mover) && !awaitsNewVersion(context.document, to))
    .map(([to]) => to);
}
