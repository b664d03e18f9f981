import {
  getReadableTable,
  isAdmin,
  latestActivity,
  listFocusAreas,
  listMembers,
  listTablesWithUnread,
  listVisibleTables,
  pendingSurveys,
  tableToDto,
} from '@hubspoke/domain';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import type { ListingQuery } from '../forum/listing.js';
import { tableThreads } from '../forum/table-threads.js';
import { currentUser, sendPage } from '../respond.js';
import type { WebOptions } from '../web-options.js';
import { HOME_ACTIVITY_LINES, homePage } from './home.page.js';
import { tablePage } from './table.page.js';
import { tablesPage } from './tables.page.js';

/** How many of the newest threads and replies the home page shows. */
// Enough posts for the home page's lines, since posts in a row from one thread share a line.
const HOME_ACTIVITY_POSTS = HOME_ACTIVITY_LINES * 5;

/** Home, the tables and one table. */
const spaceRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;

  app.get('/', async (request, reply) => {
    const user = currentUser(request);
    const ctx = pageContext(request, reply, config);
    const [areas, tables, activity, surveys] = await Promise.all([
      listFocusAreas(deps),
      listTablesWithUnread(deps, user),
      latestActivity(deps, user, { limit: HOME_ACTIVITY_POSTS }),
      pendingSurveys(deps, user),
    ]);
    const myTables = tables
      .filter((table) => table.is_member)
      .map((table) => ({ ...tableToDto(table), unreadThreads: table.unread_threads }));
    const page = homePage(ctx, { user, areas, myTables, activity: activity.items, surveys });
    return sendPage(reply, ctx, ctx.t('nav.home'), page);
  });

  app.get('/tavoli', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const tables = await listVisibleTables(deps, currentUser(request));
    return sendPage(reply, ctx, ctx.t('tables.title'), tablesPage(ctx, tables.map(tableToDto)));
  });

  app.get<{ Params: { id: string }; Querystring: ListingQuery }>('/tavoli/:id', async (request, reply) => {
    const user = currentUser(request);
    // A malformed id is as unknown as a missing table: the error handler renders the 404 page.
    if (!/^[1-9][0-9]{0,14}$/.test(request.params.id)) return reply.callNotFound();
    const id = Number(request.params.id);
    const ctx = pageContext(request, reply, config);
    const table = tableToDto(await getReadableTable(deps, user, id));
    const [members, threads] = await Promise.all([
      listMembers(deps, user, id),
      tableThreads(deps, ctx, user, table, request.query),
    ]);
    const page = tablePage(ctx, { table, members, threads, canManage: isAdmin(user) });
    return sendPage(reply, ctx, table.name, page);
  });
};

export default spaceRoutes;
