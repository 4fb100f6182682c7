// POST /api/boards/:id/canvases/:canvasId/accounts (issue 9; docs/api.md, "Import accounts"): a
// facilitator's CSV of accounts replaces the accounts of a customer pyramid canvas, written into the
// live board (everyone connected sees them at once) and stored like every other change.
import type { FastifyInstance } from 'fastify';
import { getCanvas } from '../../../shared/src/board/canvases.ts';
import { ROOT } from '../../../shared/src/board/schema.ts';
import { accountKey, accountKeysOf, importedAccounts, readAccounts } from '../../../shared/src/canvases/pyramid/accounts.ts';
import { parseAccountsCsv } from '../../../shared/src/canvases/pyramid/accountsCsv.ts';
import { pyramidKind } from '../../../shared/src/canvases/pyramid/pyramidKind.ts';
import type { BoardService } from '../boards/BoardService.ts';
import { BoardError } from '../boards/BoardError.ts';
import type { RoomManager } from '../rooms/RoomManager.ts';
import { mapWriteUpdate } from '../rooms/mapWriteUpdate.ts';
import { ServerWriteError } from '../rooms/Room.ts';
import { isAllowed } from '../auth/permissions.ts';
import { IpRateLimit } from './IpRateLimit.ts';
import { bearer } from './bearer.ts';

/**
 * A CSV of 20,000 accounts (MAX_IMPORT_ROWS) with long names is about 2 MB; more is refused before
 * it is read (413), so one request cannot hold much memory.
 */
const MAX_CSV_BYTES = 4 * 1024 * 1024;
/** Each import parses a file and replaces thousands of board entries; people import now and then. */
const IMPORTS_PER_MINUTE = 20;

interface AccountsRouteOptions {
  boards: BoardService;
  rooms: RoomManager;
}

export interface ImportAnswer {
  imported: number;
  rejected: Array<{ line: number; reason: string; problem: unknown }>;
}

export async function accountsRoute(app: FastifyInstance, opts: AccountsRouteOptions): Promise<void> {
  const { boards, rooms } = opts;
  const limit = new IpRateLimit('import-accounts', IMPORTS_PER_MINUTE);

  // Only in this plugin: the rest of the API takes JSON. UTF-8 only (the files); a file in
  // another encoding gets a message that says how to save it.
  app.addContentTypeParser(['text/csv'], { parseAs: 'buffer', bodyLimit: MAX_CSV_BYTES }, (_req, body: Buffer, done) => {
    try {
      done(null, new TextDecoder('utf-8', { fatal: true }).decode(body));
    } catch {
      done(new BoardError('bad_request', 'The file is not UTF-8 text: save it as "CSV UTF-8" and try again.', { problem: { code: 'not_utf8' } }), undefined);
    }
  });

  app.post<{ Params: { id: string; canvasId: string }; Body: string }>(
    '/api/boards/:id/canvases/:canvasId/accounts',
    { preHandler: limit.preHandler, bodyLimit: MAX_CSV_BYTES },
    async (req): Promise<ImportAnswer> => {
      // JSON has the API's own parser, so it arrives here parsed; this route takes CSV only.
      if (!isCsv(req.headers['content-type'])) throw new BoardError('unsupported_media_type', 'Send the file with Content-Type: text/csv.');
      const auth = await boards.sessionOnBoard(bearer(req), req.params.id);
      // The write rule of the accounts (permissions.ts) decides, as for a change over the socket.
      if (!isAllowed(auth, 'board:write', { kind: 'account', canvasId: req.params.canvasId, accountId: 'import' })) {
        throw new BoardError('forbidden', 'Only the facilitator can import accounts.');
      }
      const { canvasId } = req.params;
      const isPyramid = await rooms.read(auth.boardId, (doc) => {
        const canvas = getCanvas(doc, canvasId);
        return canvas?.kind === pyramidKind.id && canvas.removedAt === null;
      });
      if (!isPyramid) throw new BoardError('not_found', 'This board has no customer pyramid with that id.');

      const parsed = parseAccountsCsv(typeof req.body === 'string' ? req.body : '');
      if (!parsed.ok) throw new BoardError('bad_request', parsed.reason, { problem: parsed.problem });
      const rejected = parsed.rejected.map((r) => ({ line: r.line, reason: r.reason, problem: r.problem }));
      // A file without a single good line changes nothing: it is a wrong file, not an empty list.
      if (parsed.accounts.length === 0) return { imported: 0, rejected };

      try {
        await rooms.write(auth.boardId, (doc, client) => {
          const sets = importedAccounts(parsed.accounts, readAccounts(doc, canvasId)).map(([id, v]) => [accountKey(canvasId, id), v] as const);
          return { update: mapWriteUpdate(doc, ROOT.accounts, sets, accountKeysOf(doc, canvasId), client), result: undefined };
        });
      } catch (err) {
        if (err instanceof ServerWriteError && err.reason === 'full') throw new BoardError('board_full', 'The board is full: it takes no more accounts.');
        throw err;
      }
      req.log.info({ boardId: auth.boardId, canvasId, imported: parsed.accounts.length, rejected: rejected.length }, 'accounts imported');
      return { imported: parsed.accounts.length, rejected };
    },
  );
}

function isCsv(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0].trim().toLowerCase() === 'text/csv';
}
