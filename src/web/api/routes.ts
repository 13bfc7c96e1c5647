import { z } from 'zod';
import { parseSearchText, searchPeople } from '../../app/people/find-people.ts';
import { parsePersonDetails } from '../../app/people/person-input.ts';
import { registerPerson } from '../../app/people/register-person.ts';
import { viewPerson } from '../../app/people/view-person.ts';
import { personRecordJson } from '../../app/people/record-json.ts';
import { NotFound } from '../../app/errors.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { todayInLondon } from '../core/dates.ts';
import { sendProblem } from '../core/problem.ts';
import { describeProblems, type Route } from '../core/route-table.ts';

// The JSON API for machine clients (API tokens) and scripts. Same policy, validation and audit as the
// pages; errors are application/problem+json.

const registerBody = z.object({
  person: z.record(z.string(), z.unknown(), { error: 'person must be an object of details' }),
  confirmedNewPerson: z.boolean().optional(),
});

export const apiRoutes: Route[] = [
  {
    method: 'GET',
    url: '/api/v1/people',
    access: 'person.read',
    purpose: 'Finding a person',
    handler: async (context) => {
      const query = typeof context.query.q === 'string' ? context.query.q.trim() : '';
      if (query === '') return sendProblem(context.reply, 400, 'The request is not valid', 'q: enter a name, date of birth or identifier', [{ field: 'q', message: 'Enter a name, date of birth or identifier' }]);
      const people = await searchPeople(context.app(), parseSearchText(query.slice(0, 200)));
      return context.reply.send({ people });
    },
  },
  {
    method: 'GET',
    url: '/api/v1/people/:personId',
    access: 'person.read',
    person: { category: 'identity', disclosedView: true },
    purpose: "Reading a person's record",
    handler: async (context) => {
      const id = context.params.personId ?? '';
      if (!isUuid(id)) throw new NotFound('The person');
      const view = await viewPerson(context.app(), id);
      return context.reply.send(personRecordJson(view));
    },
  },
  {
    method: 'POST',
    url: '/api/v1/people',
    access: 'person.write',
    purpose: 'Adding a person',
    body: registerBody,
    handler: async (context) => {
      const body = registerBody.parse(context.request.body);
      const parsed = parsePersonDetails(body.person, todayInLondon(context.services.now()));
      if (!parsed.ok) {
        const problems = parsed.problems.map((problem) => ({ ...problem, field: `person.${problem.field}` }));
        return sendProblem(context.reply, 400, 'The request is not valid', describeProblems(problems), problems);
      }
      const outcome = await registerPerson(context.app(), parsed.value, { confirmedNewPerson: body.confirmedNewPerson ?? false });
      if (outcome.kind === 'possible-matches') {
        return context.reply.code(409).type('application/problem+json').send({
          type: 'about:blank',
          title: 'This person may already be on Accord',
          status: 409,
          detail: 'Check the possible matches; to add the person anyway, send again with confirmedNewPerson: true.',
          matches: outcome.matches,
        });
      }
      return context.reply.code(201).header('location', `/api/v1/people/${outcome.personId}`).send({ id: outcome.personId });
    },
  },
];
