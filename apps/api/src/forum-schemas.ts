import { Type } from '@fastify/type-provider-typebox';
import { literals } from './schemas.js';

export const FocusAreaSlug = literals(['cultura', 'innovazione']);
export const DimensionSlug = literals(['strategia', 'competenze', 'capacita_istituzionale']);
export {
  PostSchema,
  ThreadKindSchema as ThreadKind,
  ThreadSchema,
  WatchLevelSchema as WatchLevel,
} from '@hubspoke/domain';

export const Body = Type.String({ minLength: 1, maxLength: 60_000 });
export const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 100 }));
export const Cursor = Type.Optional(Type.String({ maxLength: 500 }));
