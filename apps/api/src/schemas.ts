import { Type } from '@fastify/type-provider-typebox';

/** Schemas shared by several routes; each route file keeps its own bodies and queries. */
export {
  EnteSchema,
  LocaleSchema,
  literals,
  Nullable,
  RoleSchema,
  TableSchema,
  UserSchema,
} from '@hubspoke/domain';

export const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
export const IdParams = Type.Object({ id: Id });

export const ErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    question: Type.Optional(Type.String({ description: 'a refused survey answer: the key of its question' })),
  }),
});

/** Every error status a route may answer, so OpenAPI documents them. */
export const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, ErrorSchema]));

export const Password = Type.String({ minLength: 1, maxLength: 256 });
export const Email = Type.String({ minLength: 3, maxLength: 254 });
