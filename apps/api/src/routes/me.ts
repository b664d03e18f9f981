import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import {
  changePassword,
  createApiToken,
  EmailChoiceSchema as EmailChoice,
  eraseOwnAccount,
  listApiTokens,
  PreferencesSchema,
  preferencesToDto,
  revokeApiToken,
  updatePreferences,
  userToDto,
} from '@hubspoke/domain';
import { requireUser } from '../plugins/auth.js';
import { errors, IdParams, LocaleSchema, literals, Password, UserSchema } from '../schemas.js';

const TokenSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;

  app.get(
    '',
    { schema: { tags: ['me'], response: { 200: Type.Object({ user: UserSchema }), ...errors(401) } } },
    async (request) => ({
      user: userToDto(requireUser(request)),
    }),
  );

  app.get(
    '/preferences',
    { schema: { tags: ['me'], response: { 200: Type.Object({ preferences: PreferencesSchema }), ...errors(401) } } },
    async (request) => ({ preferences: preferencesToDto(requireUser(request)) }),
  );

  app.patch(
    '/preferences',
    {
      schema: {
        tags: ['me'],
        body: Type.Object(
          {
            locale: Type.Optional(LocaleSchema),
            digest: Type.Optional(literals(['off', 'daily', 'weekly'])),
            digestHour: Type.Optional(Type.Integer({ minimum: 0, maximum: 23 })),
            digestWeekday: Type.Optional(Type.Integer({ minimum: 1, maximum: 7, description: '1 = Monday' })),
            timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            digestSkipIfActive: Type.Optional(Type.Boolean()),
            emailOn: Type.Optional(
              Type.Object(
                {
                  mentions: Type.Optional(EmailChoice),
                  replies: Type.Optional(EmailChoice),
                  watched: Type.Optional(EmailChoice),
                  tutoring: Type.Optional(EmailChoice),
                },
                { additionalProperties: false },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ user: UserSchema, preferences: PreferencesSchema }), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const user = await updatePreferences(deps, requireUser(request), request.body);
      return { user: userToDto(user), preferences: preferencesToDto(user) };
    },
  );

  app.put(
    '/password',
    {
      schema: {
        tags: ['me'],
        body: Type.Object({ currentPassword: Password, newPassword: Password }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const session = await changePassword(deps, requireUser(request), request.body);
      if (request.authMethod === 'session') reply.setSessionCookie(session);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/tokens',
    { schema: { tags: ['me'], response: { 200: Type.Object({ items: Type.Array(TokenSchema) }), ...errors(401) } } },
    async (request) => {
      const tokens = await listApiTokens(deps, requireUser(request).id);
      return {
        items: tokens.map((t) => ({
          id: t.id,
          name: t.name,
          createdAt: t.created_at.toISOString(),
          lastUsedAt: t.last_used_at?.toISOString() ?? null,
        })),
      };
    },
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags: ['me'],
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 80 }) }, { additionalProperties: false }),
        response: {
          201: Type.Object({ id: Type.Integer(), name: Type.String(), token: Type.String() }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const created = await createApiToken(deps, requireUser(request).id, request.body.name.trim());
      return reply.status(201).send({ id: created.id, name: created.name, token: created.token });
    },
  );

  app.delete(
    '',
    {
      schema: {
        tags: ['me'],
        description:
          'Erases your account: name, email, CV, tokens and sessions go; your posts stay under "ex partecipante N" unless `deletePosts`; consent records stay pseudonymised.',
        body: Type.Object(
          { password: Password, deletePosts: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 202: Type.Object({ erased: Type.Literal(true) }), ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      await eraseOwnAccount(deps, requireUser(request), request.body);
      return reply.clearSessionCookie().status(202).send({ erased: true });
    },
  );

  app.delete(
    '/tokens/:id',
    { schema: { tags: ['me'], params: IdParams, response: { 204: Type.Null(), ...errors(401, 403, 404) } } },
    async (request, reply) => {
      await revokeApiToken(deps, requireUser(request).id, request.params.id);
      return reply.status(204).send(null);
    },
  );
};

export default meRoutes;
