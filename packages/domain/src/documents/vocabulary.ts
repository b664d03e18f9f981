import type { DocumentKind, DocumentLanguage, DocumentStatus } from '@hubspoke/db';

/** The programme's document kinds and the workflow's statuses, in display order: the one list. */
export const DOCUMENT_KINDS = [
  'strategic_plan',
  'skills_report',
  'organisation_report',
  'organisation_model',
  'experience_sheet',
  'experience_database',
  'stakeholder_database',
  'institutional_cv',
  'template',
  'tool',
  'other',
] as const satisfies readonly DocumentKind[];

export const DOCUMENT_STATUSES = [
  'draft',
  'submitted',
  'changes_requested',
  'published',
  'archived',
] as const satisfies readonly DocumentStatus[];

/** The languages a document can be written in. */
export const DOCUMENT_LANGUAGES = ['it', 'en', 'fr'] as const satisfies readonly DocumentLanguage[];
