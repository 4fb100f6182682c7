// REST contract of issue 2 (docs/api.md): boards, sessions, board info; the JSON export (issue 7).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CheckLinkRequest,
  CreateBoardRequest,
  CreateSessionRequest,
  DuplicateBoardRequest,
  FacilitatorBoardsRequest,
  LinkOptionsRequest,
  NextWorkshopRequest,
  ROLES,
  type FacilitatorBoardsResponse,
  type LinksResponse,
} from '../../../shared/src/protocol.ts';
import { exportBoard } from '../../../shared/src/board/exportBoard.ts';
import type { BoardService } from '../boards/BoardService.ts';
import type { FacilitatorService } from '../boards/FacilitatorService.ts';
import type { BoardSessions } from '../facilitation/BoardSessions.ts';
import type { RoomManager } from '../rooms/RoomManager.ts';
import { BoardError } from '../boards/BoardError.ts';
import { IpRateLimit } from './IpRateLimit.ts';
import type { RedisLimits } from './rateLimiter.ts';
import { bearer } from './bearer.ts';
import { isAllowed } from '../auth/permissions.ts';
import { planOfDoc } from '../../../shared/src/plan/actionPlan.ts';
import { PlanQuery, planFileName, renderPlan } from '../plan/planExport.ts';

const RenewSessionRequest = z.object({ session: z.string().min(1).max(200) });
const RoleParam = z.enum(ROLES);

/**
 * Exports per minute per client address. Each one reads and analyses the whole board (a 10,000-note
 * board takes tens of milliseconds); programs export now and then, not in a loop.
 */
const EXPORTS_PER_MINUTE = 60;

interface ApiRoutesOptions {
  boards: BoardService;
  facilitator: FacilitatorService;
  sessions: BoardSessions;
  rooms: RoomManager;
  boardsPerMinute: number;
  sessionsPerMinute: number;
  /** Limits counted across instances (REDIS_URL); undefined: per instance. */
  rateLimit?: RedisLimits;
}

export async function apiRoutes(app: FastifyInstance, opts: ApiRoutesOptions): Promise<void> {
  const { boards, rooms, facilitator, sessions } = opts;
  const createLimit = new IpRateLimit('create-board', opts.boardsPerMinute, opts.rateLimit);
  // Joining checks a secret token: limiting attempts per IP stops guessing (on top of 256-bit tokens).
  const sessionLimit = new IpRateLimit('session', opts.sessionsPerMinute, opts.rateLimit);
  const exportLimit = new IpRateLimit('export', EXPORTS_PER_MINUTE, opts.rateLimit);
  await phaseSnapshotRoutes(app, { boards, createLimit });

  app.post('/api/boards', { preHandler: createLimit.preHandler }, async (req, reply) => {
    const body = parse(CreateBoardRequest, req.body);
    const created = await boards.createBoard(body);
    req.log.info({ boardId: created.id, template: body.template }, 'board created');
    return reply.code(201).send(created);
  });

  app.post<{ Params: { id: string } }>('/api/boards/:id/sessions', { preHandler: sessionLimit.preHandler }, async (req) => {
    const body = parse(CreateSessionRequest, req.body);
    const session = await boards.openSession(req.params.id, { ...body, address: req.ip });
    req.log.info({ boardId: req.params.id, role: session.role }, 'session opened');
    return session;
  });

  // Checks a token like joining does, so it shares the joining budget: it is no cheaper way to guess.
  app.post<{ Params: { id: string } }>('/api/boards/:id/links/check', { preHandler: sessionLimit.preHandler }, async (req) => {
    const body = parse(CheckLinkRequest, req.body);
    return boards.checkLink(req.params.id, { ...body, address: req.ip });
  });

  // People and links (issue 10): a facilitator's session on the board; 401 without, 403 for other roles.
  app.get<{ Params: { id: string } }>('/api/boards/:id/links', async (req, reply) => {
    const body: LinksResponse = { links: await facilitator.links(bearer(req), req.params.id) };
    // Secrets in the body: no cache may keep them.
    return reply.header('Cache-Control', 'no-store').send(body);
  });

  app.post<{ Params: { id: string; role: string } }>('/api/boards/:id/links/:role/rotate', async (req, reply) => {
    const role = parse(RoleParam, req.params.role);
    const result = await facilitator.rotateLink(bearer(req), req.params.id, role);
    req.log.info({ boardId: req.params.id, role, endedSessions: result.ended }, 'link rotated');
    return reply.header('Cache-Control', 'no-store').send(result);
  });

  app.delete<{ Params: { id: string; role: string } }>('/api/boards/:id/links/:role', async (req) => {
    const role = parse(RoleParam, req.params.role);
    const result = await facilitator.revokeLink(bearer(req), req.params.id, role);
    req.log.info({ boardId: req.params.id, role, endedSessions: result.ended }, 'link revoked');
    return result;
  });

  app.patch<{ Params: { id: string; role: string } }>('/api/boards/:id/links/:role', async (req, reply) => {
    const role = parse(RoleParam, req.params.role);
    const link = await facilitator.setLinkOptions(bearer(req), req.params.id, role, parse(LinkOptionsRequest, req.body ?? {}));
    req.log.info({ boardId: req.params.id, role, expires: link.expiresAt !== null, password: link.hasPassword }, 'link options set');
    return reply.header('Cache-Control', 'no-store').send(link);
  });

  app.delete<{ Params: { id: string; participantId: string } }>('/api/boards/:id/participants/:participantId', async (req) => {
    const result = await facilitator.removeParticipant(bearer(req), req.params.id, req.params.participantId);
    req.log.info({ boardId: req.params.id, endedSessions: result.ended }, 'participant removed');
    return result;
  });

  app.post<{ Params: { id: string } }>('/api/boards/:id/duplicate', { preHandler: createLimit.preHandler }, async (req, reply) => {
    const created = await facilitator.duplicate(bearer(req), req.params.id, parse(DuplicateBoardRequest, req.body ?? {}));
    req.log.info({ boardId: created.id, from: req.params.id }, 'board duplicated');
    return reply.code(201).header('Cache-Control', 'no-store').send(created);
  });

  // Carry-over (issue 11): the next workshop's board from this one. Writes a whole board, so it shares the creation budget.
  app.post<{ Params: { id: string } }>('/api/boards/:id/next-workshop', { preHandler: createLimit.preHandler }, async (req, reply) => {
    const created = await facilitator.nextWorkshop(bearer(req), req.params.id, parse(NextWorkshopRequest, req.body ?? {}));
    req.log.info({ boardId: created.id, from: req.params.id, carriedActions: created.carriedActions }, 'next workshop made');
    return reply.code(201).header('Cache-Control', 'no-store').send(created);
  });

  // Sessions in the body, checked like a renewal: it shares that budget.
  app.post('/api/facilitator/boards', { preHandler: sessionLimit.preHandler }, async (req, reply) => {
    const body = parse(FacilitatorBoardsRequest, req.body);
    const result: FacilitatorBoardsResponse = { boards: await facilitator.facilitatorBoards(body.sessions) };
    return reply.header('Cache-Control', 'no-store').send(result);
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
      const session = await sessions.current(auth.boardId);
      const exported = await rooms.read(auth.boardId, (doc) => exportBoard(doc, session));
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
        throw new BoardError('forbidden', 'Your role may not read the action plan.');
      }
      const query = parse(PlanQuery, req.query);
      const session = await sessions.current(auth.boardId);
      const plan = await rooms.read(auth.boardId, (doc) => planOfDoc(doc, Date.now(), session));
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

/**
 * Phase snapshots (issue 10): listed and restored as a new board by a facilitator. Restoring writes
 * a whole board, so it shares the board-creation budget.
 */
export async function phaseSnapshotRoutes(app: FastifyInstance, opts: { boards: BoardService; createLimit: IpRateLimit }): Promise<void> {
  app.get<{ Params: { id: string } }>('/api/boards/:id/snapshots', async (req, reply) => {
    const snapshots = await opts.boards.phaseSnapshots(bearer(req), req.params.id);
    return reply.header('Cache-Control', 'no-store').send({ snapshots });
  });
  app.post<{ Params: { id: string; snapshotId: string } }>(
    '/api/boards/:id/snapshots/:snapshotId/restore',
    { preHandler: opts.createLimit.preHandler },
    async (req, reply) => {
      const created = await opts.boards.restorePhaseSnapshot(bearer(req), req.params.id, req.params.snapshotId);
      req.log.info({ boardId: created.id, from: req.params.id }, 'board restored from a phase snapshot');
      return reply.code(201).send(created);
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
