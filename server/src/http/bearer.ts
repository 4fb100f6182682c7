import type { FastifyRequest } from 'fastify';

/** The session of `Authorization: Bearer <session>`, or '' (which no session matches). */
export function bearer(req: FastifyRequest): string {
  const header = req.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
}
