// Errors with meaning, mapped to a clear message at the edge (web, API or CLI).

export interface FieldProblem {
  field: string;
  message: string;
}

export class InvalidInput extends Error {
  readonly problems: FieldProblem[];
  constructor(problems: FieldProblem[]) {
    super(problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '));
    this.problems = problems;
  }
}

export class NotFound extends Error {
  readonly what: string;
  constructor(what: string) {
    super(`${what} was not found`);
    this.what = what;
  }
}

export class PolicyDenied extends Error {
  // Set when the refusal is for want of any relationship with a person: the refusal then offers
  // emergency (break-glass) access to that person's record.
  readonly breakGlassPersonId: string | null;
  // Whether the refusal is already in the audit log (written where it was decided, about its person);
  // the edge writes any refusal that is not, so that every refusal is audited once.
  readonly audited: boolean;
  constructor(message = 'You do not have permission to do that', options: { breakGlassPersonId?: string; audited?: boolean } = {}) {
    super(message);
    this.breakGlassPersonId = options.breakGlassPersonId ?? null;
    this.audited = options.audited ?? false;
  }
}

// The record changed after the user opened it: their change was not saved.
export class StaleRecord extends Error {
  readonly expectedVersion: number;
  readonly currentVersion: number;
  constructor(expectedVersion: number, currentVersion: number) {
    super('This record changed since you opened it');
    this.expectedVersion = expectedVersion;
    this.currentVersion = currentVersion;
  }
}

export class Conflict extends Error {}
