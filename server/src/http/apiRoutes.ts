// REST contract of issue 2 (docs/api.md): boards, sessions, board info; the JSON export (issue 7).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CheckLinkRequest, CreateBoardRequest, CreateSessionRequest } from '../../../shared/src/protocol.ts';
import { exportBoard } from '../../../shared/src/board/exportBoard.ts';
import type { BoardService } from '../boards/BoardService.ts';
import type { RoomManager } from '../rooms/RoomManager.ts';
import { BoardError } from '../boards/BoardError.ts';
import { IpRateLimit } from './IpRateLimit.ts';
import { bearer } from './bearer.ts';

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
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    throw new BoardError('bad_request', `Invalid request: ${detail}`);
  }
  return parsed.data;
}
