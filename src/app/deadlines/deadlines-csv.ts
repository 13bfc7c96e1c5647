import { dueKindLabels } from '../../domain/legal/due-items.ts';
import { toCsv } from './csv.ts';
import { deadlineState, deadlineStateLabels } from '../../domain/legal/due-items.ts';
import type { DeadlineRow } from './list-deadlines.ts';


// Date and time in Europe/London, as a spreadsheet can sort it.
function londonDateTime(instant: Temporal.Instant): string {
  return instant.toZonedDateTimeISO('Europe/London').toPlainDateTime().toString({ smallestUnit: 'minute' }).replace('T', ' ');
}

export function deadlinesCsv(rows: readonly DeadlineRow[], now: Temporal.Instant): string {
  return toCsv(
    ['Person', 'Ward or team', 'What is due', 'Due (London time)', 'Provision', 'Status'],
    rows.map((row) => [row.personName, row.teamName ?? '', dueKindLabels[row.kind], londonDateTime(row.due), row.provision, deadlineStateLabels[deadlineState(row.kind, row.due, now)]]),
  );
}
