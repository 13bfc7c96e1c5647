import { evaluationJson } from '../../app/law/law-output.ts';
import { parseEvaluateInput, parseNearestRelativeInput, type LawParseResult } from '../../app/law/parse-law-input.ts';
import { evaluate } from '../../domain/law/evaluate.ts';
import { findNearestRelative } from '../../domain/law/nearest-relative.ts';
import { sendProblem } from '../core/problem.ts';
import { describeProblems, type RequestContext, type Route } from '../core/route-table.ts';

// The law engine over HTTP (the public contract): the same JSON as the commands; 400 problem+json naming
// the field for input that breaks the contract. No personal record is read, so nothing is audited.
function answer<T>(context: RequestContext, parse: (raw: unknown) => LawParseResult<T>, compute: (value: T) => unknown) {
  const parsed = parse(context.request.body);
  if (!parsed.ok) return sendProblem(context.reply, 400, 'The input does not meet the law engine contract', describeProblems(parsed.problems), parsed.problems);
  return context.reply.code(200).send(compute(parsed.value));
}

export const lawRoutes: Route[] = [
  {
    method: 'POST',
    url: '/api/v1/law/evaluate',
    access: 'signed-in',
    purpose: 'Computing the Mental Health Act position from a history',
    handler: async (context) => answer(context, parseEvaluateInput, (value) => evaluationJson(evaluate(value))),
  },
  {
    method: 'POST',
    url: '/api/v1/law/nearest-relative',
    access: 'signed-in',
    purpose: 'Finding the nearest relative',
    handler: async (context) => answer(context, parseNearestRelativeInput, findNearestRelative),
  },
];
