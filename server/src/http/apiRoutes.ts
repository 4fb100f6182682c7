// REST contract of issue 2 (docs/api.md): boards, sessions, board info; the JSON export (issue 7).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CheckLinkRequest, CreateBoardRequest, CreateSessionRequest } from '../../../shared/src/protocol.ts';
import { exportBoard } from '../../../shared/src/board/exportBoard.ts';
import type { BoardService } from '../boards/BoardService.ts';
import type { RoomManager } from '../rooms/RoomManager.ts';
import { BoardError } from '../boards/BoardError.ts';
import { IpRateLimit } from './IpRateLimit.ts';
import { isAllowed } from '../auth/permissions.ts';
import { planOfDoc } from '../../../shared/src/plan/actionPlan.ts';
import { PlanQuery, planFileName, renderPlan } from '../plan/planExport.ts';

const RenewSessionRequest = z.object({ session: z.string().min(1).max(200) });

/**
 * Exports per minute per client address. Each one reads and analyses the whole board (a 10,000-note
 * board takes tens of milliseconds); programs export now and then, not in a loop.
 */
const EXPORTS_PER_MINUTE = 60;

interface ApiRoutesOptions {
  boards: BoardService;
  rooms: RoomManager;
  boardsPerMinute: number;
  sessionsPerMinute: number;
}

export async function apiRoutes(app: FastifyInstance, opts: ApiRoutesOptions): Promise<void> {
  const { boards, rooms } = opts;
  const createLimit = new IpRateLimit('create-board', opts.boardsPerMinute);
  // Joining checks a secret token: limiting attempts per IP stops guessing (on top of 256-bit tokens).
  const sessionLimit = new IpRateLimit('session', opts.sessionsPerMinute);
  const exportLimit = new IpRateLimit('export', EXPORTS_PER_MINUTE);

  app.post('/api/boards', { preHandler: createLimit.preHandler }, async (req, reply) => {
    const body = parse(CreateBoardRequest, req.body);
    const created = await boards.createBoard(body);
    req.log.info({ boardId: created.id, template: body.template }, 'board created');
    return reply.code(201).send(created);
  });

  app.post<{ Params: { id: string } }>('/api/boards/:id/sessions', { preHandler: sessionLimit.preHandler }, async (req) => {
    const body = parse(CreateSessionRequest, req.body);
    const session = await boards.openSession(req.params.id, body);
    req.log.info({ boardId: req.params.id, role: session.role }, 'session opened');
    return session;
  });

  // Checks a token like joining does, so it shares the joining budget: it is no cheaper way to guess.
  app.post<{ Params: { id: string } }>('/api/boards/:id/links/check', { preHandler: sessionLimit.preHandler }, async (req) => {
    const body = parse(CheckLinkRequest, req.body);
    return boards.checkLink(req.params.id, body.token);
  });

  app.post('/api/sessions/renew', { preHandler: sessionLimit.preHandler }, async (req) => {
    const body = parse(RenewSessionRequest, req.body);
    return boards.renewSession(body.session);
  });

  app.get<{ Params: { id: string } }>('/api/boards/:id', async (req) => {
    return boards.boardInfo(bearer(req), req.params.id);
  });

  // The board as plain JSON for other programs, from the live document (what everyone connected sees).
  app.get<{ Params: { id: string }; Querystring: { format?: unknown } }>(
    '/api/boards/:id/export',
    { preHandler: exportLimit.preHandler },
    async (req, reply) => {
      const auth = await boards.sessionOnBoard(bearer(req), req.params.id);
      const format = req.query.format ?? 'json';
      if (format !== 'json') throw new BoardError('bad_request', 'Unknown export format; the only one is format=json.');
      const exported = await rooms.read(auth.boardId, exportBoard);
      return reply.header('Cache-Control', 'no-store').send(exported);
    },
  );

  // The action plan (issue 11) in one of its formats, from the live document. Shares the export
  // budget: a PDF of a large board costs about as much as the JSON export.
  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>(
    '/api/boards/:id/action-plan',
    { preHandler: exportLimit.preHandler },
    async (req, reply) => {
      const auth = await boards.sessionOnBoard(bearer(req), req.params.id);
      if (!isAllowed({ role: auth.role, participantId: auth.participantId }, 'plan:read')) {
        throw new BoardError('forbidden_write', 'Your role may not read the action plan.');
      }
      const query = parse(PlanQuery, req.query);
      const plan = await rooms.read(auth.boardId, (doc) => planOfDoc(doc, Date.now()));
      const rendered = await renderPlan(plan, query);
      return reply
        .header('Cache-Control', 'no-store')
        .header('Content-Type', rendered.contentType)
        .header('Content-Disposition', `attachment; filename="${planFileName(plan.title, rendered.extension)}"`)
        .header('X-Content-Type-Options', 'nosniff')
        .send(rendered.body);
    },
  );
}

/** The session of `Authorization: Bearer <session>`, or '' (which no session matches). */
function bearer(req: FastifyRequest): string {
  const header = req.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    throw new BoardError('bad_request', `Invalid request: ${detail}`);
  }
  return parsed.data;
}
