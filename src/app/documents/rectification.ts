import { formByCode } from '../../domain/documents/forms.ts';
import type { LegalRecord, ReceivedDocument } from '../../domain/legal/legal-record.ts';

// Rectification under s15(1): an application for admission, or a medical recommendation given for it,
// that is found to be incorrect or defective may be amended by the person who signed it, with the
// managers' consent, "within the period of 14 days beginning with the day on which the patient was
// admitted in pursuance of the application". The day of admission is day 1; the period ends at
// midnight at the end of day 14 (London time).

export type RectificationWindow =
  | { applies: true; provision: 's15(1)'; admittedOn: Temporal.PlainDate; lastDay: Temporal.PlainDate; endsAt: Temporal.Instant }
  | { applies: false; reason: string };

const londonTimeZone = 'Europe/London';

// The application a document belongs to: itself, or the application it was received with.
function applicationOf(record: LegalRecord, document: ReceivedDocument): ReceivedDocument | undefined {
  if (document.receivedWith === undefined || document.receivedWith === null) return document;
  return record.documents.find((candidate) => candidate.documentId === document.receivedWith);
}

export function rectificationWindow(record: LegalRecord, document: ReceivedDocument): RectificationWindow {
  const form = formByCode(document.formCode);
  if (form === undefined || (form.kind !== 'application' && form.kind !== 'recommendation')) {
    return { applies: false, reason: `s15(1): only an application for admission, or a medical recommendation given for it, may be amended under s15; Form ${document.formCode} is neither` };
  }
  if (form.provision === 's7') {
    return { applies: false, reason: `Form ${document.formCode} is for guardianship: amendment is under s8(4), within 14 days of the application being accepted, which is not recorded here` };
  }
  const application = applicationOf(record, document);
  const admitted = application === undefined ? undefined : [...record.events, ...record.withdrawnEvents].find((event) => event.documentId === application.documentId);
  if (admitted === undefined) {
    return { applies: false, reason: 's15(1): the 14 days run from the admission under the application, and no admission is recorded from it' };
  }
  const admittedOn = Temporal.Instant.from(admitted.event.at).toZonedDateTimeISO(londonTimeZone).toPlainDate();
  const lastDay = admittedOn.add({ days: 13 });
  const endsAt = lastDay.add({ days: 1 }).toZonedDateTime({ timeZone: londonTimeZone }).toInstant();
  return { applies: true, provision: 's15(1)', admittedOn, lastDay, endsAt };
}
