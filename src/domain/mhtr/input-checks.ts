// Small readers shared by the pathway's checks: each reads one field as given and, when it is wrong, adds a
// problem naming the field in words a member of staff can act on.

export interface MhtrProblem {
  field: string;
  message: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: MhtrProblem[] };

export class ProblemList {
  readonly problems: MhtrProblem[] = [];

  add(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  // Required text, trimmed, within a length. `what` reads in "Enter <what>".
  text(field: string, value: string | null | undefined, what: string, limit = 2000): string {
    const trimmed = (value ?? '').trim();
    if (trimmed === '') this.add(field, `Enter ${what}`);
    else if (trimmed.length > limit) this.add(field, `${capitalise(what)} must be ${limit} characters or fewer`);
    return trimmed;
  }

  // Optional text: null when left blank.
  optionalText(field: string, value: string | null | undefined, what: string, limit = 2000): string | null {
    const trimmed = (value ?? '').trim();
    if (trimmed === '') return null;
    if (trimmed.length > limit) this.add(field, `${capitalise(what)} must be ${limit} characters or fewer`);
    return trimmed;
  }

  // One of a table's keys. `what` reads in "Select <what>".
  choice<T extends object>(field: string, value: string | null | undefined, table: T, what: string): Extract<keyof T, string> | null {
    const trimmed = (value ?? '').trim();
    if (isKey(table, trimmed)) return trimmed;
    this.add(field, `Select ${what}`);
    return null;
  }

  // A required day, not after today (something that has happened).
  pastDay(field: string, value: Temporal.PlainDate | null | undefined, what: string, today: Temporal.PlainDate): Temporal.PlainDate | null {
    if (value === null || value === undefined) {
      this.add(field, `Enter ${what}`);
      return null;
    }
    if (Temporal.PlainDate.compare(value, today) > 0) {
      this.add(field, `${capitalise(what)} must be today or in the past`);
      return null;
    }
    return value;
  }

  // A required day, any date.
  day(field: string, value: Temporal.PlainDate | null | undefined, what: string): Temporal.PlainDate | null {
    if (value === null || value === undefined) {
      this.add(field, `Enter ${what}`);
      return null;
    }
    return value;
  }

  result<T>(value: () => T): Checked<T> {
    if (this.problems.length > 0) return { ok: false, problems: this.problems };
    return { ok: true, value: value() };
  }
}

export function isKey<T extends object>(table: T, value: string): value is Extract<keyof T, string> {
  return Object.hasOwn(table, value);
}

function capitalise(text: string): string {
  const words = text.replace(/^(the|a|an) /i, '');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
