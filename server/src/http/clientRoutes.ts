// Serves the built browser app from CLIENT_DIR. Any other GET that is not an API or protocol path
// gets index.html, so client-side routes such as /b/<id> load the app.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { stripQuery } from '../observability/createLogger.ts';
import { sendError } from './sendError.ts';

/** Paths that never fall back to index.html. */
const RESERVED_PREFIXES = ['/api', '/yjs', '/socket.io', '/metrics', '/healthz'];

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Client not built</title></head>
<body><h1>The browser app is not built yet</h1>
<p>Run <code>npm run build</code> (or start the server with <code>npm start</code>, which builds it), then reload.</p>
</body></html>`;

export async function clientRoutes(app: FastifyInstance, opts: { clientDir: string }): Promise<void> {
  const indexFile = path.join(opts.clientDir, 'index.html');
  await app.register(fastifyStatic, {
    root: opts.clientDir,
    wildcard: true,
    index: false,
    suppressWarning: true,
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      // Vite puts content-hashed files under assets/: they never change. Anything else may.
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      reply.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  const sendApp = (reply: FastifyReply) => {
    if (!fs.existsSync(indexFile)) {
      return reply.code(503).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(NOT_BUILT_PAGE);
    }
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  };

  app.get('/', async (_req, reply) => sendApp(reply));

  app.setNotFoundHandler(async (req: FastifyRequest, reply: FastifyReply) => {
    const urlPath = stripQuery(req.url) ?? '';
    const reserved = RESERVED_PREFIXES.some((p) => urlPath === p || urlPath.startsWith(`${p}/`));
    if (reserved || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return sendError(reply, 'not_found', 'No such endpoint.');
    }
    return sendApp(reply);
  });
}
