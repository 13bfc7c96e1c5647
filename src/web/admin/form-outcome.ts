import { InvalidInput, type FieldProblem } from '../../app/errors.ts';

export type Outcome<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

// Runs a change and turns the application's InvalidInput into field problems, so that the form is
// shown again with the problem beside the field rather than on an error page.
export async function attempt<T>(change: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await change() };
  } catch (error) {
    if (error instanceof InvalidInput) return { ok: false, problems: error.problems };
    throw error;
  }
}
