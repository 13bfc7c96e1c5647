// The engine's rules, one entry each: the provision it comes from, what it says in plain words, and the
// engine's reading where the law leaves a question open. Code reads its numbers and provisions from here,
// so a rule changes in one place; a script can render this table as the engine's reference page.

export type Measure =
  | { unit: 'hours'; count: number }
  | { unit: 'days'; count: number }
  | { unit: 'weeks'; count: number }
  | { unit: 'months'; count: number }
  | { unit: 'month-sequence'; counts: readonly number[] };

export interface LawRule {
  id: string;
  provision: string;
  statement: string;
  reading?: string;
  measure?: Measure;
}

const ruleList = [
  // Holding powers and Part 2 admissions.
  { id: 's5-4-authority-ends', provision: 's5(4)', statement: 'A nurse\'s holding power lasts 6 hours from the time it is recorded.', measure: { unit: 'hours', count: 6 } },
  { id: 's5-2-authority-ends', provision: 's5(2)', statement: 'A doctor\'s or approved clinician\'s holding power lasts 72 hours from the time the report is furnished to the managers.', measure: { unit: 'hours', count: 72 } },
  { id: 's5-5-chaining', provision: 's5(5)', statement: 'Where a s5(2) report follows a s5(4) record, the 72 hours run from the time the s5(4) record was made.', measure: { unit: 'hours', count: 72 } },
  { id: 's4-authority-ends', provision: 's4(4)', statement: 'An emergency admission lapses 72 hours from the time of admission unless a second medical recommendation is received in that time.', measure: { unit: 'hours', count: 72 } },
  { id: 's2-authority-ends', provision: 's2(4)', statement: 'Detention for assessment lasts 28 days beginning with the day of admission.', measure: { unit: 'days', count: 28 } },
  { id: 's4-becomes-s2', provision: 's4(4)', statement: 'On receipt of the second medical recommendation within the 72 hours, the s4 admission becomes an admission for assessment.', reading: 'The 28 days of s2(4) run from the day of the original s4 admission (shared reference T8; inference).' },
  // Renewable authorities.
  { id: 's3-periods', provision: 's20(1)-(2)', statement: 'Detention for treatment lasts 6 months beginning with the day of admission, renewable for 6 months and then 12 months at a time.', measure: { unit: 'month-sequence', counts: [6, 6, 12] }, reading: 'Each renewal period begins on the day after the last day of the previous period, so periods chain without gap or overlap.' },
  { id: 's3-periods-2025', provision: 's20(1)-(2) as amended by MHA 2025 s29', statement: 'Once in force: 3 months, then 3 months, then 6 months, then 12 months at a time.', measure: { unit: 'month-sequence', counts: [3, 3, 6, 12] }, reading: 'Applied to detentions whose first period begins on or after the commencement day (key mha2025.s29).' },
  { id: 's3-renewal-window', provision: 's20(3)', statement: 'The renewal examination must be made within the two months ending with the day on which the authority would expire.', measure: { unit: 'months', count: 2 }, reading: 'A report furnished before the window opens, or after the authority has lapsed, does not renew it.' },
  { id: 'guardianship-periods', provision: 's20(1)-(2)', statement: 'Guardianship lasts 6 months beginning with the day the application is accepted, renewable for 6 months and then 12 months at a time.', measure: { unit: 'month-sequence', counts: [6, 6, 12] } },
  { id: 'guardianship-renewal-window', provision: 's20(6)', statement: 'The renewal examination must be made within the two months ending with the expiry day.', measure: { unit: 'months', count: 2 } },
  { id: 'cto-periods', provision: 's20A(1)-(3)', statement: 'A community treatment order lasts 6 months beginning with the day it is made, extendable for 6 months and then 12 months at a time.', measure: { unit: 'month-sequence', counts: [6, 6, 12] } },
  { id: 'cto-renewal-window', provision: 's20A(4)', statement: 'The extension examination must be made within the two months ending with the expiry day.', measure: { unit: 'months', count: 2 } },
  { id: 'cto-recall-72-hours', provision: 's17F', statement: 'A recalled community patient may be detained for at most 72 hours from the time detention under the recall begins, then must be released unless the order is revoked.', measure: { unit: 'hours', count: 72 } },
  { id: 'cto-revocation-restarts-periods', provision: 's17G(5)', statement: 'On revocation the patient is detained under the suspended section, and the s20 periods run as if admitted on the day of revocation.', reading: 'Open question in the reference; corroborated by MHA 2025 s31(2).' },
  { id: 'cto-expiry-discharges', provision: 's20B(1)', statement: 'A community treatment order that expires without extension discharges the patient absolutely.' },
  // Places of safety.
  { id: 's136-authority-ends', provision: 's136(2A)', statement: 'A person removed under s136 may be kept for 24 hours beginning with arrival at the place of safety.', measure: { unit: 'hours', count: 24 } },
  { id: 's135-authority-ends', provision: 's135(3ZA)', statement: 'A person removed under s135(1) may be kept for 24 hours beginning with arrival at the place of safety.', measure: { unit: 'hours', count: 24 } },
  { id: 'place-of-safety-extension', provision: 's136B', statement: 'Before the 24 hours end, the registered medical practitioner may extend them by up to 12 hours beginning at the end of the 24 hours.', measure: { unit: 'hours', count: 12 }, reading: 'Several extensions are added together, to at most 12 hours in all; an extension authorised after the 24 hours ended is of no effect.' },
  // Tribunal.
  { id: 's2-tribunal-window', provision: 's66(2)(a)', statement: 'A patient admitted for assessment may apply within 14 days beginning with the day of admission.', measure: { unit: 'days', count: 14 }, reading: 'A s4 patient is admitted on an application for admission for assessment (s66(1)(a)), so the same window runs from the s4 admission.' },
  { id: 's2-tribunal-window-2025', provision: 's66(2)(a) as amended by MHA 2025 s30', statement: 'Once in force: 21 days beginning with the day of admission.', measure: { unit: 'days', count: 21 }, reading: 'Applied to admissions on or after the commencement day (key mha2025.s30).' },
  { id: 's3-tribunal-window', provision: 's66(2)(b)', statement: 'A patient detained for treatment may apply once within the first 6 months beginning with the day of admission.', measure: { unit: 'months', count: 6 } },
  { id: 's3-tribunal-window-2025', provision: 's66(2)(b) as amended by MHA 2025 s30', statement: 'Once in force: once within 3 months beginning with the day of admission.', measure: { unit: 'months', count: 3 }, reading: 'Applied to admissions on or after the commencement day (key mha2025.s30).' },
  { id: 'guardianship-tribunal-window', provision: 's66(2)(c)', statement: 'A patient received into guardianship may apply once within 6 months beginning with the day the application is accepted.', measure: { unit: 'months', count: 6 } },
  { id: 'cto-tribunal-window', provision: 's66(2)(ca)', statement: 'A community patient may apply once within 6 months beginning with the day the order is made.', measure: { unit: 'months', count: 6 } },
  { id: 'revoked-cto-tribunal-window', provision: 's66(2)(cb)', statement: 'After revocation of a community treatment order the patient may apply once within 6 months beginning with the day of revocation.', measure: { unit: 'months', count: 6 } },
  { id: 'renewal-tribunal-window', provision: 's66(2)(f)', statement: 'After each renewal or extension the patient may apply once in the period for which the authority is renewed.' },
  { id: 'withdrawn-application-not-counted', provision: 's77(2)', statement: 'A withdrawn application is treated as not made, so it does not use up the window.' },
  { id: 'managers-reference-six-months', provision: 's68(2)', statement: 'The managers must refer the case on the expiry of 6 months beginning with the applicable day unless an application or reference has been made in that time.', measure: { unit: 'months', count: 6 }, reading: 'The applicable day is the day of admission (for a patient first detained under s2, the s2 admission day, s68(5)); any application not withdrawn, by the patient or the nearest relative, made on or after the applicable day and before the duty arises, prevents it.' },
  { id: 'managers-reference-three-years', provision: 's68(6)', statement: 'The managers must refer the case when more than 3 years (1 year for a patient under 18) have passed since the tribunal last considered it.', measure: { unit: 'months', count: 36 }, reading: 'Counted in calendar months from the day of the last hearing; the one-year limit applies if the patient is under 18 on the day the year ends.' },
  { id: 'managers-reference-part-three', provision: 's68(6), Sch 1 Pt 1 para 1', statement: 'For a patient under an unrestricted hospital order or transfer direction, s68 applies through Schedule 1: the managers must refer the case when more than 3 years (1 year for a patient under 18) have passed since the tribunal last considered it. The six-month reference (s68(1)-(2)) does not apply: the patient was not admitted on an application.', measure: { unit: 'months', count: 36 }, reading: 'Where the tribunal has never considered the case, the engine counts from the day of the order or direction, the day the patient is treated as admitted (s40(4), s47(3)); after a hearing it counts from the hearing as for any other patient. This starting point is the engine\'s inference.' },
  { id: 'managers-reference-three-years-under-18', provision: 's68(6)', statement: 'For a patient under 18 the limit is 1 year.', measure: { unit: 'months', count: 12 } },
  { id: 'managers-reference-revocation', provision: 's68(7)', statement: 'On revocation of a community treatment order the managers must refer the case as soon as possible.', reading: 'Reported as due from the moment of revocation.' },
  { id: 'nr-tribunal-window-after-barring', provision: 's66(2)(d)', statement: 'After a barring report the nearest relative may apply within 28 days beginning with the day they are informed.', measure: { unit: 'days', count: 28 }, reading: 'The engine does not know the day the nearest relative was informed; it reports the window from the day of the report, the earliest it can close.' },
  // Consent to treatment.
  { id: 'medication-certificate', provision: 's58(1)(b)', statement: 'Medication for mental disorder may be given without consent certified or a second opinion only until 3 months have elapsed since it was first given in the period of liability to detention.', measure: { unit: 'months', count: 3 }, reading: 'Counted in calendar months in London from the time of the first dose (months "elapsed since" it); where the later month is too short, the last day of that month is taken, so the certificate is never required late. The period of liability runs continuously across changes of section without a break (e.g. s2 to s3).' },
  { id: 'medication-certificate-2025', provision: 's58(1)(b) as amended by MHA 2025 s14', statement: 'Once in force: 2 months.', measure: { unit: 'months', count: 2 }, reading: 'Applied to first doses on or after the commencement day (key mha2025.s14).' },
  { id: 'part-4-not-applicable', provision: 's56(3)', statement: 'Part 4 does not apply to s4 (before the second recommendation), s5(2), s5(4), s35, s135 or s136 patients, nor to conditionally discharged patients who have not been recalled.' },
  // Absence without leave.
  { id: 'awol-retaking-limit', provision: 's18(4)', statement: 'An absent patient may be taken and returned until the later of the end of 6 months beginning with the first day of absence and the end of the authority.', measure: { unit: 'months', count: 6 }, reading: 'Renewals furnished during the absence are not taken into account (s18(4A)-(4B) not evaluated).' },
  { id: 'awol-no-retaking-after-short-powers', provision: 's18(5)', statement: 'A patient held under s2, s4 or s5 cannot be taken once the period of detention has ended.' },
  { id: 'awol-extension-at-expiry', provision: 's21(1)', statement: 'A patient absent on the expiry day or in the week ending with it remains liable until retaken (within the retaking period), and then to the end of the week beginning with the day of return.', measure: { unit: 'days', count: 7 } },
  { id: 'awol-long-absence', provision: 's21B', statement: 'A patient returned after more than 28 days\' absence must be examined within a week of return and a report furnished, or the authority ends.', measure: { unit: 'days', count: 28 }, reading: 'The report (H6, G10, CTO8) has no event, so the engine says it does not evaluate it.' },
  { id: 'awol-recall-extension', provision: 's21(4)', statement: 'A recalled community patient absent when the 72 hours would end may be held for 72 hours from return.', measure: { unit: 'hours', count: 72 } },
  // Nearest relative.
  { id: 'nr-barring-window', provision: 's25(1)', statement: 'The nearest relative must give at least 72 hours\' notice of discharge; within that time the responsible clinician may furnish a barring report.', measure: { unit: 'hours', count: 72 } },
  // Part 3.
  { id: 's35-admission-deadline', provision: 's35(4)', statement: 'Admission within 7 days beginning with the date of remand.', measure: { unit: 'days', count: 7 } },
  { id: 's36-admission-deadline', provision: 's36(3)', statement: 'Admission within 7 days beginning with the date of remand (s35(4) applied).', measure: { unit: 'days', count: 7 } },
  { id: 's37-admission-deadline', provision: 's37(4)', statement: 'Admission within 28 days beginning with the date of the order, or the order lapses.', measure: { unit: 'days', count: 28 } },
  { id: 's38-admission-deadline', provision: 's38(4)', statement: 'Admission within 28 days beginning with the date of the order.', measure: { unit: 'days', count: 28 } },
  { id: 's45A-admission-deadline', provision: 's45A(5)', statement: 'Admission within 28 days beginning with the date of the direction.', measure: { unit: 'days', count: 28 }, reading: 'Unverified in the reference; the engine applies the 28 days of s37(4).' },
  { id: 's47-admission-deadline', provision: 's47(2)', statement: 'A transfer direction lapses unless the patient is received within 14 days beginning with its date.', measure: { unit: 'days', count: 14 } },
  { id: 's48-admission-deadline', provision: 's48(3)', statement: 'A transfer direction lapses unless the patient is received within 14 days beginning with its date (s47(2) applied).', measure: { unit: 'days', count: 14 } },
  { id: 'hospital-order-periods', provision: 's40(4)', statement: 'An unrestricted hospital order or transfer direction has effect as an application for admission for treatment made on its date (s40(4), Sch 1 Pt 1; s47(3), s55(4)): 6 months beginning with that day, then 6 and 12 months on renewal under s20.', measure: { unit: 'month-sequence', counts: [6, 6, 12] } },
  { id: 'hospital-order-no-first-window', provision: 'Sch 1 Pt 1 para 2', statement: 'A patient under an unrestricted hospital order may not apply in the first 6 months; from the first renewal, once in each period (s66(1)(f)).', reading: 'Secondary source only (MHLO); the engine shows the window opening with the first renewal period.' },
  { id: 'transfer-tribunal-window', provision: 's69(2)(b)', statement: 'A patient transferred under s47 or s48 without restrictions may apply within 6 months beginning with the date of the direction.', measure: { unit: 'months', count: 6 } },
  { id: 'restricted-tribunal-windows', provision: 's70', statement: 'A restricted patient may apply once between the end of 6 months and the end of 12 months beginning with the date of the order or direction, then once in each later period of 12 months.', measure: { unit: 'month-sequence', counts: [6, 6, 12] }, reading: 'Each window is one period; an application not withdrawn in it uses it (s77(2)).' },
  { id: 'recalled-restricted-tribunal-windows', provision: 's75(1)(b)', statement: 'A restricted patient recalled from conditional discharge may apply between the end of 6 months and the end of 12 months beginning with the day of return to hospital, then once in each later period of 12 months.', measure: { unit: 'month-sequence', counts: [6, 6, 12] } },
  { id: 'conditionally-discharged-tribunal-windows', provision: 's75(2)', statement: 'A conditionally discharged restricted patient not recalled may apply between the end of 12 months and the end of 2 years beginning with the date of discharge, then once in each later period of 2 years.', measure: { unit: 'month-sequence', counts: [12, 12, 24] }, reading: 'The s75(2A) windows for discharge with deprivation-of-liberty conditions (MHA 2025 s36) are not evaluated: no event records such conditions.' },
  { id: 'sos-reference-three-years', provision: 's71(2)', statement: 'The Secretary of State must refer the case of a detained restricted patient not considered by the tribunal in the last 3 years.', measure: { unit: 'months', count: 36 }, reading: 'Counted from the later of the last hearing and the day the patient was admitted (or returned on recall).' },
  { id: 'annual-report', provision: 's41(6)', statement: 'The responsible clinician reports on a restricted patient to the Secretary of State at intervals of not more than a year.', measure: { unit: 'months', count: 12 }, reading: 'Reported as the next anniversary of admission (or return on recall) after the moment asked about; no event records a report made.' },
  { id: 'supervisor-report', provision: 'guidance (MoJ conditional discharge)', statement: 'The supervisors report to the Secretary of State 28 days after conditional discharge and then every 3 months.', measure: { unit: 'months', count: 3 }, reading: 'The next report due after the moment asked about; no event records a report made.' },
  { id: 'supervisor-first-report', provision: 'guidance (MoJ conditional discharge)', statement: 'The first supervisor\'s report is due 28 days after conditional discharge.', measure: { unit: 'days', count: 28 } },
  { id: 's35-remand-period', provision: 's35(7)', statement: 'A remand to hospital for a report lasts for not more than 28 days at a time, beginning with the date of remand, and may be renewed by further remand.', measure: { unit: 'days', count: 28 }, reading: 'The events do not record the period the court sets, so each remand or further remand is read as the full 28 days beginning with its date. A further court-order under s35 while a remand is in force is read as a further remand, not a fresh one; one made after the authority has ended begins a fresh remand.' },
  { id: 's35-remand-limit', provision: 's35(7)', statement: 'A person may not be remanded or further remanded under s35 for more than 12 weeks in all.', measure: { unit: 'weeks', count: 12 }, reading: 'Counted as 84 days beginning with the date of the first remand. A further remand whose 28 days would run beyond them is a finding, and the authority is shown ending with the 12 weeks.' },
  { id: 's36-remand-period', provision: 's36(6)', statement: 'A remand to hospital for treatment lasts for not more than 28 days at a time, beginning with the date of remand, and may be renewed by further remand.', measure: { unit: 'days', count: 28 }, reading: 'As for s35: each remand is read as the full 28 days beginning with its date, and a further court-order under s36 while a remand is in force as a further remand.' },
  { id: 's36-remand-limit', provision: 's36(6)', statement: 'A person may not be remanded or further remanded under s36 for more than 12 weeks in all.', measure: { unit: 'weeks', count: 12 }, reading: 'Counted as 84 days beginning with the date of the first remand; beyond them is a finding, and the authority is shown ending with the 12 weeks.' },
  { id: 's38-interim-period', provision: 's38(5)', statement: 'An interim hospital order is in force for the period the court specifies, not more than 12 weeks, beginning with the date of the order.', measure: { unit: 'weeks', count: 12 }, reading: 'The events have no field for the period the court specifies, so the engine reads it as the most the Act allows: 12 weeks (84 days) beginning with the date of the order.' },
  { id: 's38-interim-renewal', provision: 's38(5)', statement: 'An interim hospital order may be renewed for further periods of not more than 28 days at a time.', measure: { unit: 'days', count: 28 }, reading: 'A further court-order under s38 while the interim order is in force is read as a renewal for the full 28 days, beginning with the day after the current period ends, so periods chain without gap or overlap.' },
  { id: 's38-interim-limit', provision: 's38(5)', statement: 'An interim hospital order may not continue in force for more than 12 months in all.', measure: { unit: 'months', count: 12 }, reading: 'Counted as 12 months beginning with the date of the first order. A renewal whose 28 days would run beyond them is a finding, and the authority is shown ending with the 12 months.' },
  { id: 'court-ends-remand', provision: 's35(7)', statement: 'The court may end a remand (s35(7), s36(6)) or an interim hospital order (s38(5)); the Act gives no one else a power to discharge from them.' },
  // Scrutiny of applications.
  { id: 'applicant-saw-patient', provision: 's11(5)', statement: 'The applicant must have seen the patient within the 14 days ending with the date of the application.', measure: { unit: 'days', count: 14 } },
  { id: 'emergency-applicant-saw-patient', provision: 's4(5)', statement: 'For an emergency application the applicant must have seen the patient within the previous 24 hours.', measure: { unit: 'hours', count: 24 } },
  { id: 'recommendations-signed-before-application', provision: 's12(1)', statement: 'The medical recommendations must be signed on or before the date of the application.' },
  { id: 'examinations-apart', provision: 's12(1)', statement: 'Where there are two recommendations, not more than five clear days may separate the days of the two examinations.', measure: { unit: 'days', count: 5 } },
  { id: 'one-s12-approved', provision: 's12(2)', statement: 'One of the two recommendations must be given by a practitioner approved under s12 (approved clinicians are treated as approved, s12(2A)).' },
  { id: 'recommendation-count', provision: 's2(3)', statement: 'An application under s2 or s3 is founded on two medical recommendations (s2(3), s3(3)); one under s4 on one (s4(3)).' },
  { id: 'conveyance-s2-s3', provision: 's6(1)(a)', statement: 'The patient must be admitted within 14 days beginning with the day of the last medical examination.', measure: { unit: 'days', count: 14 } },
  { id: 'conveyance-s4', provision: 's6(1)(b)', statement: 'An emergency admission must be within 24 hours beginning with the medical examination or the application, whichever is earlier.', measure: { unit: 'hours', count: 24 } },
  // Events that are lawful to describe but wrong in law.
  { id: 'holding-power-not-for-detained', provision: 's5(6)', statement: 'The holding powers of s5 apply to in-patients who are not already liable to be detained and are not community patients.' },
  { id: 'holding-power-in-patient', provision: 's5(2)', statement: 'The holding powers apply to a patient who is already an in-patient in hospital.', reading: 'Where no informal admission is recorded the power is applied and a warning given.' },
  { id: 'application-for-detained-patient', provision: 's6(4)', statement: 'An application under Part 2 for a patient already detained under another Part 2 application, a community patient or a Part 3 patient is not the route the Act provides (s2 to s3 excepted).' },
  { id: 'renewal-requires-authority', provision: 's20(1)', statement: 'Only an authority in force can be renewed or extended.' },
  { id: 'cto-eligibility', provision: 's17A(1)', statement: 'A community treatment order may be made only for a patient detained for treatment (s3 or an unrestricted hospital order or transfer direction).' },
  { id: 'cto-not-for-restricted', provision: 's41(3)(aa)', statement: 'A restricted patient cannot be made subject to a community treatment order.' },
  { id: 'recall-requires-cto', provision: 's17E(1)', statement: 'Only a community patient can be recalled under s17E.' },
  { id: 'revocation-requires-recall', provision: 's17F(4)', statement: 'A community treatment order can be revoked only while the patient is detained under a recall, within the 72 hours.' },
  { id: 'guardianship-replaces-application', provision: 's8(5)', statement: 'Reception into guardianship ends any previous Part 2 application under which the patient was liable to be detained.' },
  { id: 'discharge-requires-authority', provision: 's23(1)', statement: 'A discharge order needs an authority in force to discharge from.' },
  { id: 'nr-discharge-power', provision: 's23(2)', statement: 'The nearest relative may discharge a patient detained under s2 or s3, under guardianship, or on a community treatment order, and no other.' },
  { id: 'nr-discharge-barred', provision: 's25(1)(b)', statement: 'After a barring report the nearest relative\'s order for discharge is of no effect, and the relative may not make another order for discharge during the 6 months beginning with the date of the report.', measure: { unit: 'months', count: 6 }, reading: 'A nearest relative\'s discharge within the months is a finding and has no effect. After them it may take effect, on a fresh notice given after the report (which a fresh barring report within its 72 hours bars again); a notice given during the months counts for a discharge after them.' },
  { id: 'nr-discharge-barred-2025', provision: 's25(1)(b) as amended by MHA 2025 s26', statement: 'Once in force: no further order for discharge for 3 months beginning with the date of the barring report.', measure: { unit: 'months', count: 3 }, reading: 'Applied to barring reports furnished on or after the commencement day (key mha2025.s26).' },
  { id: 'restricted-discharge-consent', provision: 's41(3)(c)(iii)', statement: 'A restricted patient can be discharged by the responsible clinician or the managers only with the Secretary of State\'s consent.' },
  { id: 'conditional-discharge-restricted-only', provision: 's42(2)', statement: 'Conditional discharge is available only for restricted patients (by the Secretary of State, s42(2), or the tribunal, s73).' },
  { id: 'awol-requires-authority', provision: 's18(1)', statement: 'Only a patient liable to be detained (or subject to guardianship or recalled) can be absent without leave and retaken.' },
  { id: 'restricted-no-retaking-limit', provision: 's41(3)(d)', statement: 'A restricted patient may be retaken at any time.' },
  { id: 'tribunal-application-eligibility', provision: 's77(1)', statement: 'No application may be made except within the periods the Act allows.' },
  { id: 'recall-of-conditionally-discharged', provision: 's42(3)', statement: 'The Secretary of State may recall a conditionally discharged restricted patient to hospital.' },
  { id: 'sos-reference-after-recall', provision: 's75(1)', statement: 'The Secretary of State must refer the case of a recalled restricted patient within one month beginning with the day of return to hospital.', measure: { unit: 'months', count: 1 } },
  { id: 'lapsed-authority', provision: 's20(1)', statement: 'An authority that reaches its end without renewal, extension or discharge has lapsed; a person still held has no authority for it.' },
  { id: 'not-yet-evaluated', provision: 'engine', statement: 'The engine does not yet evaluate this event; the output says so rather than guessing.' },
  { id: 'absolute-discharge', provision: 's23', statement: 'An order for absolute discharge ends the power in force.', reading: 'The status becomes "none", not "informal": whether the person stays in hospital informally is a separate fact, recorded by an informal-admission event.' },
  { id: 'informal-admission-ends-short-power', provision: 's136(2)', statement: 'A person held under s5 or at a place of safety who is admitted informally leaves the power.', reading: 'An informal admission during s5(2), s5(4), s135(1) or s136 ends that power; during any other detention it is a finding.' },
  // Entitlements.
  { id: 'imha-qualifying', provision: 's130C', statement: 'Qualifying patients: liable to be detained (except under s4, s5(2), s5(4), s135 or s136), subject to guardianship, or a community patient.', reading: 'A conditionally discharged patient is not liable to be detained and is not counted (the Code\'s wider view is not in the statute).' },
  { id: 'section-117', provision: 's117', statement: 'After-care is owed to a person detained under s3, s37, s45A, s47 or s48 who ceases to be detained and leaves hospital, until the health and social care bodies are satisfied it is no longer needed; it cannot end while a CTO is in force.', reading: 'Once such a detention appears in the history the entitlement is reported as continuing, since no event records the bodies\' decision to end it.' },
] as const satisfies readonly LawRule[];

export type RuleId = (typeof ruleList)[number]['id'];

export const lawRules: readonly LawRule[] = ruleList;

const byId = new Map<string, LawRule>(ruleList.map((entry) => [entry.id, entry]));

export function rule(id: RuleId): LawRule {
  const found = byId.get(id);
  if (found === undefined) throw new Error(`unknown law rule ${id}`);
  return found;
}

// The single number a rule's measure holds, for rules measured in hours, days or months.
export function measureCount(id: RuleId): number {
  const measure = rule(id).measure;
  if (measure === undefined || measure.unit === 'month-sequence') throw new Error(`law rule ${id} has no single measure`);
  return measure.count;
}

// The length in days of a rule measured in days or weeks (s35(7): 12 weeks are 84 days).
export function measureDays(id: RuleId): number {
  const measure = rule(id).measure;
  if (measure === undefined || (measure.unit !== 'days' && measure.unit !== 'weeks')) throw new Error(`law rule ${id} is not measured in days or weeks`);
  return measure.unit === 'weeks' ? measure.count * 7 : measure.count;
}

// The length in months of the nth (1-based) period of a renewable authority.
export function periodMonths(id: RuleId, periodNumber: number): number {
  const measure = rule(id).measure;
  if (measure === undefined || measure.unit !== 'month-sequence') throw new Error(`law rule ${id} has no sequence of periods`);
  const index = Math.min(periodNumber, measure.counts.length) - 1;
  const months = measure.counts[index];
  if (months === undefined) throw new Error(`law rule ${id} has no period ${periodNumber}`);
  return months;
}
