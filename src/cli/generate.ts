import { z } from 'zod';
import { generatePeople } from '../app/people/generate-people.ts';
import { defineCommand, exitCodes, writeLine } from './command.ts';
import { withDatabase } from './database.ts';
import { commandLineContext } from './operator.ts';
import { ProgressBar } from './progress-bar.ts';

const maximumPeople = 1_000_000;

const wholeNumber = (option: string, lowest: number, highest: number) =>
  z
    .string({ error: `Give ${option} with a number` })
    .regex(/^\d+$/, { error: `${option} must be a whole number` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(lowest, { error: `${option} must be at least ${lowest.toLocaleString('en-GB')}` })
        .max(highest, { error: `${option} must be at most ${highest.toLocaleString('en-GB')}` }),
    );

export const generateCommand = defineCommand({
  words: ['generate'],
  summary: 'Add synthetic people with realistic histories, for load testing',
  usage: 'accord generate --people N [--seed N]',
  description:
    'Adds N fictional people, each with a history of several record entries: being added, changes such as a new ' +
    'address, sometimes their own words, and now and then a correction. Entries are written by synthetic staff ' +
    'at synthetic agencies (named "(generated)"), created on first use; NHS numbers come from the 999 testing range. ' +
    'People are written in batches of 1,000, each batch in one transaction with one audit entry per person. ' +
    'Progress is shown on standard error. For load-testing databases, not for live ones.',
  options: {
    people: { type: 'string', valueName: 'N', description: `How many people to add (1 to ${maximumPeople.toLocaleString('en-GB')})` },
    seed: { type: 'string', valueName: 'N', description: 'Seed for the random choices, to repeat a run’s names and histories' },
  },
  input: z.object({
    people: wholeNumber('--people', 1, maximumPeople),
    seed: wholeNumber('--seed', 0, 4_294_967_295).optional(),
  }),
  run: (input, io) =>
    withDatabase(io, { migrate: true }, async ({ db, description }) => {
      const context = commandLineContext(db, 'generate', 'Generating synthetic people for load testing');
      const progress = new ProgressBar(io.stderr, input.people, 'people');
      const started = Temporal.Now.instant();
      const outcome = await generatePeople(context, { count: input.people, seed: input.seed, onProgress: (done) => progress.update(done) });
      const seconds = started.until(Temporal.Now.instant()).total('seconds');
      writeLine(
        io.stdout,
        `Added ${outcome.people.toLocaleString('en-GB')} synthetic people with ${outcome.entries.toLocaleString('en-GB')} record entries to ${description} ` +
          `in ${seconds.toFixed(1)} s (${Math.round(outcome.people / Math.max(seconds, 0.001)).toLocaleString('en-GB')} people/s).`,
      );
      return exitCodes.success;
    }),
});
