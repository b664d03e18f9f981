import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import {
  AttendanceSchema,
  createCalendarToken,
  createPathSession,
  createProduct,
  deletePathSession,
  deleteProduct,
  getAttendance,
  getPath,
  MyAttendanceSchema,
  myAttendance,
  PathSchema,
  ProductDueSchema,
  ProductInputSchema,
  personalCalendar,
  revokeCalendarToken,
  SessionInputSchema,
  SessionSchema,
  setAttendance,
  tableCalendar,
  updatePathSession,
} from '@hubspoke/domain';
import type { FastifyReply } from 'fastify';
import { requireUser } from '../plugins/auth.js';
import { errors, Id, IdParams } from '../schemas.js';

const SessionParams = Type.Object({ id: Id, sid: Id });
const ProductParams = Type.Object({ id: Id, pid: Id });
const FeedQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 100 })) });

const sendCalendar = (reply: FastifyReply, ics: string) =>
  reply
    .type('text/calendar; charset=utf-8')
    .header('cache-control', 'private, max-age=300')
    .serializer((body: string) => body)
    .send(ics as never);

/** The path of a table: its sessions, the products due, attendance and the iCalendar feeds. */
const pathRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;
  const tags = ['path'];

  app.get(
    '/tables/:id/path',
    { schema: { tags, params: IdParams, response: { 200: PathSchema, ...errors(401, 404) } } },
    async (request) => getPath(deps, requireUser(request), request.params.id),
  );

  app.post(
    '/tables/:id/sessions',
    {
      schema: {
        tags,
        params: IdParams,
        body: SessionInputSchema,
        response: { 201: Type.Object({ session: SessionSchema }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ session: await createPathSession(deps, requireUser(request), request.params.id, request.body) }),
  );

  app.patch(
    '/tables/:id/sessions/:sid',
    {
      schema: {
        tags,
        params: SessionParams,
        body: Type.Partial(SessionInputSchema),
        response: { 200: Type.Object({ session: SessionSchema }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => ({
      session: await updatePathSession(deps, requireUser(request), request.params.id, request.params.sid, request.body),
    }),
  );

  app.delete(
    '/tables/:id/sessions/:sid',
    { schema: { tags, params: SessionParams, response: { 204: Type.Null(), ...errors(401, 403, 404) } } },
    async (request, reply) => {
      await deletePathSession(deps, requireUser(request), request.params.id, request.params.sid);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/tables/:id/sessions/:sid/attendance',
    { schema: { tags, params: SessionParams, response: { 200: AttendanceSchema, ...errors(401, 403, 404) } } },
    async (request) => getAttendance(deps, requireUser(request), request.params.id, request.params.sid),
  );

  app.put(
    '/tables/:id/sessions/:sid/attendance',
    {
      schema: {
        tags,
        description: 'Who took part: exactly these people (each must take part in the table).',
        params: SessionParams,
        body: Type.Object({ userIds: Type.Array(Id, { maxItems: 1000 }) }, { additionalProperties: false }),
        response: { 200: AttendanceSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      setAttendance(deps, requireUser(request), request.params.id, request.params.sid, request.body.userIds),
  );

  app.post(
    '/tables/:id/products',
    {
      schema: {
        tags,
        params: IdParams,
        body: ProductInputSchema,
        response: { 201: Type.Object({ product: ProductDueSchema }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ product: await createProduct(deps, requireUser(request), request.params.id, request.body) }),
  );

  app.delete(
    '/tables/:id/products/:pid',
    { schema: { tags, params: ProductParams, response: { 204: Type.Null(), ...errors(401, 403, 404) } } },
    async (request, reply) => {
      await deleteProduct(deps, requireUser(request), request.params.id, request.params.pid);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/tables/:id/calendar.ics',
    {
      schema: {
        tags,
        description: 'The table’s sessions as iCalendar. Signed in, or `?token=` a personal calendar token.',
        params: IdParams,
        querystring: FeedQuery,
        response: { 200: Type.String(), ...errors(401, 404) },
      },
    },
    async (request, reply) =>
      sendCalendar(reply, await tableCalendar(deps, request.user, request.params.id, request.query.token)),
  );

  app.get(
    '/me/calendar.ics',
    {
      schema: {
        tags,
        description: 'The sessions of every table one takes part in. Signed in, or `?token=` a calendar token.',
        querystring: FeedQuery,
        response: { 200: Type.String(), ...errors(401) },
      },
    },
    async (request, reply) => sendCalendar(reply, await personalCalendar(deps, request.user, request.query.token)),
  );

  app.post(
    '/me/calendar-token',
    {
      schema: {
        tags,
        description: 'A new personal calendar token, shown once; the previous one stops working.',
        response: { 201: Type.Object({ token: Type.String(), personalFeed: Type.String() }), ...errors(401) },
      },
    },
    async (request, reply) => reply.status(201).send(await createCalendarToken(deps, requireUser(request))),
  );

  app.delete(
    '/me/calendar-token',
    { schema: { tags, response: { 204: Type.Null(), ...errors(401, 404) } } },
    async (request, reply) => {
      await revokeCalendarToken(deps, requireUser(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me/attendance',
    { schema: { tags, response: { 200: MyAttendanceSchema, ...errors(401) } } },
    async (request) => myAttendance(deps, requireUser(request)),
  );
};

export default pathRoutes;
