import { type TSchema, Type } from 'typebox';

/**
 * Pieces of the public shapes. Each shape is one TypeBox schema next to the function that builds
 * it from rows: the function's return type is the schema's `Static`, and the api answers with the
 * same schema, so the two cannot drift apart.
 */
export const literals = <const T extends string[]>(values: readonly [...T]) => Type.Enum(values);
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const DateTime = Type.String({ format: 'date-time' });
