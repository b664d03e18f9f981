import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { applySecurityHeaders, toolCspDirectives } from '@hubspoke/web';
import fp from 'fastify-plugin';

/** OpenAPI built from the routes' own schemas: JSON at /docs/json, a browsable UI at /docs. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        info: { title: 'Hub&Spoke Community API', version: '1.0.0' },
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: 'hs_session' },
            token: { type: 'http', scheme: 'bearer' },
          },
        },
        security: [{ session: [] }, { token: [] }],
      },
    });
    // In a context of its own, so the reference's headers apply to its routes only.
    await app.register(async (docs) => {
      const directives = toolCspDirectives(docs.config.secureCookies);
      docs.addHook('onRequest', async (_request, reply) => {
        applySecurityHeaders(reply, directives);
      });
      await docs.register(swaggerUi, { routePrefix: '/docs' });
    });
  },
  { name: 'docs' },
);
