// REST of the private brainstorm (issue 10, docs/api.md "Private brainstorm"): a facilitator's
// session on the board (`Authorization: Bearer <session>`); 401 without one, 403 for other roles.
import type { FastifyInstance } from 'fastify';
import type { PrivateBrainstorm } from '../boards/PrivateBrainstorm.ts';
import { bearer } from './bearer.ts';

interface PrivateRoutesOptions {
  brainstorm: PrivateBrainstorm;
}

type CanvasParams = { Params: { id: string; canvasId: string } };

export async function privateRoutes(app: FastifyInstance, opts: PrivateRoutesOptions): Promise<void> {
  const { brainstorm } = opts;

  app.get<CanvasParams>('/api/boards/:id/canvases/:canvasId/private', async (req, reply) => {
    const counts = await brainstorm.hiddenNotes(bearer(req), req.params.id, req.params.canvasId);
    return reply.header('Cache-Control', 'no-store').send(counts);
  });

  app.post<CanvasParams>('/api/boards/:id/canvases/:canvasId/reveal', async (req) => {
    const result = await brainstorm.reveal(bearer(req), req.params.id, req.params.canvasId);
    req.log.info({ boardId: req.params.id, canvasId: req.params.canvasId, revealed: result.revealed, attributed: result.attributed }, 'private notes revealed');
    return result;
  });
}
