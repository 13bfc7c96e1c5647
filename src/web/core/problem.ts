import type { FastifyReply } from 'fastify';
import type { FieldProblem } from '../../app/errors.ts';

// RFC 9457 problem details for API clients.
export function sendProblem(reply: FastifyReply, status: number, title: string, detail?: string, problems?: FieldProblem[]) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', title, status, ...(detail ? { detail } : {}), ...(problems ? { errors: problems } : {}) });
}
