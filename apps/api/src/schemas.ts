import { type TSchema, Type } from '@fastify/type-provider-typebox';

/** Schemas shared by several routes; each route file keeps its own bodies and queries. */
export const literals = <const T extends string[]>(values: readonly [...T]) => Type.Enum(values);
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
export const IdParams = Type.Object({ id: Id });

export const RoleSchema = literals(['participant', 'tutor', 'moderator', 'admin']);
export const LocaleSchema = literals(['it', 'en']);

export const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }),
});

export const UserSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  handle: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  enteId: Nullable(Type.Integer()),
  locale: LocaleSchema,
});

export const EnteSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: literals(['comune', 'provincia', 'regione', 'other']),
  region: Nullable(Type.String()),
});

export const TableSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  description: Type.String(),
  kind: literals(['lab', 'regional', 'interregional']),
  regions: Type.Array(Type.String()),
  visibility: literals(['members', 'participants']),
  enteId: Nullable(Type.Integer()),
  isMember: Type.Boolean(),
});

/** Every error status a route may answer, so OpenAPI documents them. */
export const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, ErrorSchema]));

export const Password = Type.String({ minLength: 1, maxLength: 256 });
export const Email = Type.String({ minLength: 3, maxLength: 254 });
