import type { PathProductRow, TableSessionRow } from '@hubspoke/db';
import { type Static, Type } from 'typebox';
import { DocumentKindSchema, DocumentStatusSchema } from '../documents/dto.js';
import { DateTime, Nullable } from '../shared/schema.js';

export const SESSION_TITLE_MAX = 200;
export const SESSION_PLACE_MAX = 300;
export const SESSION_URL_MAX = 500;
export const SESSION_DAYS_MAX = 30;

export const SessionSchema = Type.Object({
  id: Type.Integer(),
  tableId: Type.Integer(),
  title: Type.String(),
  dimension: Type.String(),
  startsAt: DateTime,
  days: Type.Number({ description: 'length in days, in steps of half a day' }),
  place: Nullable(Type.String()),
  online: Nullable(Type.String({ description: 'an https link for those joining online' })),
  past: Type.Boolean(),
  attended: Type.Boolean({ description: 'whether the reader was recorded there' }),
  attendanceTaken: Type.Boolean({ description: 'whether anyone’s attendance was recorded, so an absence shows' }),
});
export type SessionDto = Static<typeof SessionSchema>;

export const ProductDueSchema = Type.Object({
  id: Type.Integer(),
  documentKind: DocumentKindSchema,
  dimension: Type.String(),
  dueAt: Type.String({ format: 'date' }),
  // The furthest status the table's documents of that kind and dimension reached; null: none yet.
  status: Nullable(DocumentStatusSchema),
  overdue: Type.Boolean(),
});
export type ProductDueDto = Static<typeof ProductDueSchema>;

export const PathSchema = Type.Object({
  tableId: Type.Integer(),
  canManage: Type.Boolean(),
  modules: Type.Array(
    Type.Object({
      dimension: Type.String(),
      name: Type.String(),
      sessions: Type.Array(SessionSchema),
      products: Type.Array(ProductDueSchema),
    }),
  ),
});
export type PathDto = Static<typeof PathSchema>;

export const SessionInputSchema = Type.Object(
  {
    title: Type.String({ maxLength: SESSION_TITLE_MAX * 2 }),
    dimension: Type.String({ maxLength: 60 }),
    startsAt: Type.String({ maxLength: 40 }),
    days: Type.Number(),
    place: Type.Optional(Nullable(Type.String({ maxLength: SESSION_PLACE_MAX * 2 }))),
    online: Type.Optional(Nullable(Type.String({ maxLength: SESSION_URL_MAX * 2 }))),
  },
  { additionalProperties: false },
);
export type SessionInput = Static<typeof SessionInputSchema>;

export const ProductInputSchema = Type.Object(
  {
    documentKind: Type.String({ maxLength: 60 }),
    dimension: Type.String({ maxLength: 60 }),
    dueAt: Type.String({ maxLength: 20 }),
  },
  { additionalProperties: false },
);
export type ProductInput = Static<typeof ProductInputSchema>;

export const AttendanceSchema = Type.Object({
  sessionId: Type.Integer(),
  userIds: Type.Array(Type.Integer()),
});

export const MyAttendanceSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      sessionId: Type.Integer(),
      tableId: Type.Integer(),
      tableName: Type.String(),
      title: Type.String(),
      dimension: Type.String(),
      startsAt: DateTime,
      days: Type.Number(),
    }),
  ),
});

export const sessionToDto = (
  row: TableSessionRow & { attended?: boolean; attendance_taken?: boolean },
  now: Date,
): SessionDto => ({
  id: row.id,
  tableId: row.table_id,
  title: row.title,
  dimension: row.dimension,
  startsAt: row.starts_at.toISOString(),
  days: row.days,
  place: row.place,
  online: row.online_url,
  past: row.starts_at < now,
  attended: row.attended ?? false,
  attendanceTaken: row.attendance_taken ?? false,
});

export const productToDto = (
  row: PathProductRow & { status: ProductDueDto['status'] },
  today: string,
): ProductDueDto => ({
  id: row.id,
  documentKind: row.document_kind,
  dimension: row.dimension,
  dueAt: row.due_at,
  status: row.status,
  overdue: row.status !== 'published' && row.due_at < today,
});
