import type { Application, Finding } from './contract.ts';
import { rule, measureCount, type RuleId } from './rules.ts';
import { clearDaysBetween, compareMoments, daysBeginningWith, daysEndingWith, dayText, earlierOf, hoursFrom, instantOf, isBefore, londonDay, momentOf, type Moment } from './time.ts';

// Scrutiny of the application on which a patient is admitted (s6, s11, s12, s4): what a Mental Health Act
// administrator checks when the papers are received. Each failure is a finding; nothing here changes the
// patient's status, because defective papers may be rectified (s15) and only a court decides validity.

function finding(severity: Finding['severity'], code: string, ruleId: RuleId, message: string): Finding {
  return { severity, code, provision: rule(ruleId).provision, message };
}

export function scrutiniseApplication(section: 's2' | 's3' | 's4', application: Application, admittedAt: Moment): Finding[] {
  const findings: Finding[] = [];
  const recommendations = application.recommendations;
  const expected = section === 's4' ? 1 : 2;

  // s2(3), s3(3): two recommendations; s4(3): one is enough. An empty list gives no information.
  if (recommendations.length > 0 && recommendations.length < expected) {
    findings.push(finding('error', 'recommendation-missing', 'recommendation-count', `An application under ${section} needs ${expected} medical recommendations; ${recommendations.length} recorded.`));
  }

  const madeAt = application.madeAt === null ? null : momentOf(application.madeAt);
  if (madeAt !== null) {
    const applicationDay = londonDay(madeAt);
    recommendations.forEach((recommendation, position) => {
      // s12(1): recommendations signed on or before the date of the application.
      const signedDay = londonDay(momentOf(recommendation.signedAt));
      if (signedDay > applicationDay) {
        findings.push(finding('error', 'recommendation-signed-after-application', 'recommendations-signed-before-application', `Recommendation ${position + 1} was signed on ${dayText(signedDay)}, after the application dated ${dayText(applicationDay)}.`));
      }
    });

    const lastSawInstant = application.applicantLastSawPatientAt;
    if (lastSawInstant !== null) {
      const lastSaw = momentOf(lastSawInstant);
      if (section === 's4') {
        // s4(5): the applicant personally saw the patient within the previous 24 hours.
        const hours = measureCount('emergency-applicant-saw-patient');
        if (isBefore(madeAt, lastSaw) || !isBefore(madeAt, hoursFrom(lastSaw, hours))) {
          findings.push(finding('error', 'applicant-not-seen-patient', 'emergency-applicant-saw-patient', `The applicant last saw the patient at ${lastSawInstant.toString()}, not within the ${hours} hours before the application.`));
        }
      } else {
        // s11(5): within the 14 days ending with the date of the application (T4: the window includes that day).
        const days = measureCount('applicant-saw-patient');
        const windowStart = daysEndingWith(applicationDay, days);
        const sawDay = londonDay(lastSaw);
        if (isBefore(lastSaw, windowStart) || sawDay > applicationDay) {
          findings.push(finding('error', 'applicant-not-seen-patient', 'applicant-saw-patient', `The applicant last saw the patient on ${dayText(sawDay)}, not within the ${days} days ending with the application date ${dayText(applicationDay)}.`));
        }
      }
    }
  }

  if (recommendations.length >= 2) {
    const [first, second] = recommendations;
    if (first !== undefined && second !== undefined) {
      // s12(1), T5: not more than five clear days between the days of the two examinations.
      const limit = measureCount('examinations-apart');
      const clearDays = clearDaysBetween(londonDay(momentOf(first.examinedAt)), londonDay(momentOf(second.examinedAt)));
      if (clearDays > limit) {
        findings.push(finding('error', 'recommendation-examinations-too-far-apart', 'examinations-apart', `The two medical examinations were ${clearDays} clear days apart; the limit is ${limit}.`));
      }
    }
    // s12(2): at least one practitioner approved under s12.
    if (!recommendations.some((recommendation) => recommendation.s12Approved)) {
      findings.push(finding('error', 'no-s12-approved-recommendation', 'one-s12-approved', 'Neither medical recommendation is by a practitioner approved under s12.'));
    }
  }

  if (recommendations.length > 0 && !recommendations.some((recommendation) => recommendation.previousAcquaintance)) {
    // s12(2), s4(3): a practitioner with previous acquaintance "if practicable" — a point to record, not a defect.
    findings.push({ severity: 'info', code: 'no-previous-acquaintance', provision: section === 's4' ? 's4(3)' : 's12(2)', message: 'No recommending practitioner had previous acquaintance with the patient; the papers should show why that was not practicable.' });
  }

  const examinations = recommendations.map((recommendation) => momentOf(recommendation.examinedAt));
  if (examinations.length > 0) {
    const sorted = examinations.sort(compareMoments);
    if (section === 's4') {
      // s6(1)(b): admission within 24 hours beginning with the examination or the application, whichever is earlier.
      const earliestExamination = sorted[0];
      if (earliestExamination !== undefined) {
        const from = madeAt === null ? earliestExamination : earlierOf(earliestExamination, madeAt);
        const limit = hoursFrom(from, measureCount('conveyance-s4'));
        if (!isBefore(admittedAt, limit)) {
          findings.push(finding('error', 'admission-after-conveyance-period', 'conveyance-s4', `The patient was admitted after the ${measureCount('conveyance-s4')} hours allowed for an emergency admission (ended ${instantOf(limit).toString()}).`));
        }
      }
    } else {
      // s6(1)(a): admission within 14 days beginning with the day of the last medical examination.
      const lastExamination = sorted[sorted.length - 1];
      if (lastExamination !== undefined) {
        const limit = daysBeginningWith(londonDay(lastExamination), measureCount('conveyance-s2-s3'));
        if (!isBefore(admittedAt, limit)) {
          findings.push(finding('error', 'admission-after-conveyance-period', 'conveyance-s2-s3', `The patient was admitted after the ${measureCount('conveyance-s2-s3')} days beginning with the last medical examination on ${dayText(londonDay(lastExamination))}.`));
        }
      }
    }
  }
  return findings;
}
