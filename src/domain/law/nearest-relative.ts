import type { NearestRelativeInput, NearestRelativeOutput, Relationship, Relative } from './contract.ts';

// Who is the patient's nearest relative under s26 of the Mental Health Act 1983 (England and Wales).
// Pure: the day to answer for (asOf) is part of the input.

export interface NearestRelativeRule {
  // Stable kebab-case name; the code below refers to rules by it.
  id: string;
  // Where the law says so, as a user would look it up.
  provision: string;
  // The rule in plain words.
  statement: string;
  // How the engine reads an open question or a gap in the input, or null where the text is plain.
  reading: string | null;
  // False where the contract gives no field for the rule, so the engine cannot apply it.
  applied: boolean;
}

// One entry per rule, so that a correction is made in one place and the reference page can be generated.
export const nearestRelativeRules = [
  {
    id: 'relatives-list',
    provision: 's26(1)',
    statement:
      'The relatives, in order: (a) husband, wife or civil partner; (b) son or daughter; (c) father or mother; (d) brother or sister; (e) grandparent; (f) grandchild; (g) uncle or aunt; (h) nephew or niece.',
    reading: 'Everyone in the input is taken to be alive on asOf: s26(3) looks only at relatives "for the time being surviving", so a relative who has died is left out of the input.',
    applied: true,
  },
  {
    id: 'half-blood-is-a-relationship',
    provision: 's26(2)',
    statement: 'A relationship of the half blood counts as a relationship: a half-brother is a brother.',
    reading: null,
    applied: true,
  },
  {
    id: 'father-without-parental-responsibility',
    provision: 's26(2)(b)',
    statement:
      'Where the patient\'s parents were not married to each other, the father counts as the patient\'s father only if he has parental responsibility for the patient (Children Act 1989 s3).',
    reading:
      'parentalResponsibility false excludes the father. Not given (null) is treated as qualifying: a father married to the mother has parental responsibility without more, and the contract makes the field optional. For an adult patient, whose father\'s parental responsibility ended at 18, true is read as "had parental responsibility before the patient turned 18". Relatives traced through such a father (his parents, his other children) are not checked: leave them out of the input.',
    applied: true,
  },
  {
    id: 'first-in-the-list',
    provision: 's26(3)',
    statement: 'The nearest relative is the person first described in the list in s26(1) who is for the time being surviving.',
    reading: null,
    applied: true,
  },
  {
    id: 'whole-blood-before-half-blood',
    provision: 's26(3)',
    statement: 'Within one paragraph of the list, relatives of the whole blood come before relatives of the half blood (a half-blood elder sister comes after a whole-blood younger brother).',
    reading: null,
    applied: true,
  },
  {
    id: 'elder-before-younger',
    provision: 's26(3)',
    statement: 'Within one paragraph of the list, the elder or eldest comes first, whatever their sex.',
    reading:
      'Age is compared by date of birth. Relatives whose date of birth is not given cannot be placed by age: they come after those whose date of birth is given, and relatives who still tie (dates of birth unknown, or the same) keep the order in which the input lists them. Give dates of birth wherever the answer turns on them.',
    applied: true,
  },
  {
    id: 'resides-with-or-cares-for-first',
    provision: 's26(4)',
    statement:
      'Where the patient ordinarily resides with, or is cared for by, one or more relatives (for an in-patient: last ordinarily resided with or was cared for by them before admission), those relatives come first, ahead of the list order; between several of them the s26(3) order applies (list, then whole blood, then the elder).',
    reading:
      'livesWithOrCaresForPatient answers this question, for an in-patient as at admission. A cohabitant counted under s26(6) and a non-relative counted under s26(7) live with the patient by definition, so they have this preference whatever that field says. A non-relative of five years therefore comes before relatives who neither live with nor care for the patient, and last among those who do (the reading in Jones, Mental Health Act Manual, on s26).',
    applied: true,
  },
  {
    id: 'not-resident-in-the-uk',
    provision: 's26(5)(a)',
    statement:
      'Where the patient is ordinarily resident in the United Kingdom, the Channel Islands or the Isle of Man, a relative who is not so resident is passed over.',
    reading: 'residesInUK means ordinarily resident in the United Kingdom, the Channel Islands or the Isle of Man. When the patient is not so resident, where relatives live does not matter.',
    applied: true,
  },
  {
    id: 'spouse-permanently-separated',
    provision: 's26(5)(b)',
    statement: 'A husband, wife or civil partner who is permanently separated from the patient, by agreement or under a court order, is passed over.',
    reading: null,
    applied: true,
  },
  {
    id: 'spouse-desertion',
    provision: 's26(5)(b)',
    statement: 'A husband, wife or civil partner who has deserted, or has been deserted by, the patient, for a desertion that has not ended, is passed over.',
    reading: null,
    applied: true,
  },
  {
    id: 'under-eighteen',
    provision: 's26(5)(c)',
    statement:
      'A person under 18 is passed over unless they are the patient\'s husband, wife, civil partner, father or mother. A son, daughter, brother or sister under 18 is passed over; a husband or mother under 18 is not.',
    reading:
      'Age is taken on asOf from dateOfBirth; someone born on 29 February turns 18 on 1 March in a year without one. A relative whose date of birth is not given is treated as an adult. Because s26(6) says "husband", "wife" and "civil partner" in s26 include a qualifying cohabitant, a cohabitant under 18 is not passed over either. (A source guide that says the nearest relative must always be 18 or over is wrong: see the rules reference, section 16.)',
    applied: true,
  },
  {
    id: 'passed-over-as-if-dead',
    provision: 's26(5)',
    statement: 'A person passed over under s26(5) is treated as if dead, and the nearest relative is found again from the others.',
    reading: 'None of the s26(5) grounds depends on anyone\'s place in the order, so the engine removes everyone passed over first and then ranks the rest: the same answer as removing them one at a time from the top.',
    applied: true,
  },
  {
    id: 'cohabitant-six-months',
    provision: 's26(6)',
    statement:
      'Someone living with the patient as husband, wife or civil partner (for an in-patient: until admission) for not less than six months counts as a husband, wife or civil partner.',
    reading:
      'The six months run from livingWithPatientSince to asOf as calendar months, and are complete on the same-numbered day six months later (1 November to 1 May); where that month has no such day, on the first day of the next month (31 August to 1 March). A cohabitant without livingWithPatientSince is excluded, since six months cannot be shown. The contract gives no admission date, so for an in-patient the period is counted to asOf, not to admission.',
    applied: true,
  },
  {
    id: 'cohabitant-and-married-patient',
    provision: 's26(6)',
    statement:
      'A cohabitant cannot be the nearest relative of a patient who is married or in a civil partnership unless that husband, wife or civil partner is passed over for permanent separation or desertion (s26(5)(b)).',
    reading:
      'The patient is taken to be married or in a civil partnership when the input lists a husband, wife or civil partner. A spouse passed over for another reason only (living abroad, s26(5)(a)) still bars the cohabitant, as the text says.',
    applied: true,
  },
  {
    id: 'non-relative-five-years',
    provision: 's26(7)',
    statement:
      'Someone other than a relative with whom the patient ordinarily resides (for an in-patient: last resided before admission), and has done so for not less than five years, is treated as a relative.',
    reading: 'The five years are counted like the six months of s26(6): from livingWithPatientSince to asOf, complete on the same day five years later (29 February to 1 March). Without livingWithPatientSince the person is excluded.',
    applied: true,
  },
  {
    id: 'non-relative-last-in-the-list',
    provision: 's26(7)(a)',
    statement: 'Such a person is treated as if mentioned last in the list in s26(1), after nephews and nieces.',
    reading: null,
    applied: true,
  },
  {
    id: 'non-relative-and-married-patient',
    provision: 's26(7)(b)',
    statement:
      'Such a person cannot be the nearest relative of a patient who is married or in a civil partnership unless that husband, wife or civil partner is passed over for permanent separation or desertion (s26(5)(b)).',
    reading: 'Read as for cohabitants under s26(6).',
    applied: true,
  },
  {
    id: 'nobody-qualifies',
    provision: 's26(3)',
    statement: 'Where nobody qualifies, the patient has no nearest relative.',
    reading: 'The answer is null. The county court may then appoint someone to act as nearest relative (s29(3)(a)).',
    applied: true,
  },
  {
    id: 'child-in-care-or-under-guardianship',
    provision: 's27, s28',
    statement:
      'For a patient under 18: a local authority with a care order is the nearest relative ahead of everyone except a husband, wife or civil partner (s27); a guardian, special guardian or person named in a child arrangements order as someone the child is to live with is the nearest relative to the exclusion of everyone else (s28).',
    reading: 'Not applied: the contract has no field for care orders, guardians or child arrangements orders. For a patient under 18, check these before relying on the answer.',
    applied: false,
  },
] as const satisfies readonly NearestRelativeRule[];

export type NearestRelativeRuleId = (typeof nearestRelativeRules)[number]['id'];

function provisionOf(id: NearestRelativeRuleId): string {
  return nearestRelativeRules.find((rule) => rule.id === id)!.provision;
}

// s26(1), with s26(6) cohabitants in paragraph (a) and s26(7) non-relatives after paragraph (h).
const listPosition: Record<Relationship, number> = {
  husband: 0,
  wife: 0,
  'civil-partner': 0,
  cohabitant: 0,
  son: 1,
  daughter: 1,
  father: 2,
  mother: 2,
  brother: 3,
  sister: 3,
  grandfather: 4,
  grandmother: 4,
  grandson: 5,
  granddaughter: 5,
  uncle: 6,
  aunt: 6,
  nephew: 7,
  niece: 7,
  'non-relative-co-resident': 8,
};

function isMarriedSpouse(relative: Relative): boolean {
  return relative.relationship === 'husband' || relative.relationship === 'wife' || relative.relationship === 'civil-partner';
}

// s26(6): "husband", "wife" and "civil partner" in s26 include a qualifying cohabitant.
function isSpouseInSection26(relative: Relative): boolean {
  return isMarriedSpouse(relative) || relative.relationship === 'cohabitant';
}

function separatedOrInDesertion(relative: Relative): boolean {
  return relative.permanentlySeparated || relative.deserted;
}

// The day on which a period of whole calendar months that began on `start` is complete: the same-numbered
// day that many months later, or the first day of the following month where that month is too short
// (as in the rules reference, T2).
function periodCompleteOn(start: Temporal.PlainDate, months: number): Temporal.PlainDate {
  const sameDay = start.add({ months });
  return sameDay.day === start.day ? sameDay : sameDay.add({ days: 1 });
}

function underEighteenOn(dateOfBirth: Temporal.PlainDate, asOf: Temporal.PlainDate): boolean {
  return Temporal.PlainDate.compare(asOf, periodCompleteOn(dateOfBirth, 18 * 12)) < 0;
}

function hasLivedWithPatientFor(relative: Relative, months: number, asOf: Temporal.PlainDate): { complete: boolean; completeOn: Temporal.PlainDate } | null {
  if (relative.livingWithPatientSince === null) return null;
  const completeOn = periodCompleteOn(relative.livingWithPatientSince, months);
  return { complete: Temporal.PlainDate.compare(asOf, completeOn) >= 0, completeOn };
}

interface Ground {
  reason: string;
  provision: string;
}

function groundsForExclusion(relative: Relative, input: NearestRelativeInput, spouseBarsOthers: boolean): Ground[] {
  const grounds: Ground[] = [];
  const { asOf } = input;

  if (relative.relationship === 'father' && relative.parentalResponsibility === false) {
    // s26(2)(b): the father of a patient whose parents were not married counts only with parental responsibility.
    grounds.push({ reason: 'father without parental responsibility for the patient, so not treated as the patient\'s father', provision: provisionOf('father-without-parental-responsibility') });
  }

  if (relative.relationship === 'cohabitant') {
    // s26(6): living with the patient as a partner for not less than six months.
    const period = hasLivedWithPatientFor(relative, 6, asOf);
    if (period === null) {
      grounds.push({ reason: 'living with the patient as a partner, but the date this began is not given, so six months cannot be shown', provision: provisionOf('cohabitant-six-months') });
    } else if (!period.complete) {
      grounds.push({ reason: `has lived with the patient as a partner for less than six months (six months are complete on ${period.completeOn.toString()})`, provision: provisionOf('cohabitant-six-months') });
    }
    if (spouseBarsOthers) {
      grounds.push({ reason: 'the patient is married or in a civil partnership, and that husband, wife or civil partner is not permanently separated or in desertion', provision: provisionOf('cohabitant-and-married-patient') });
    }
  }

  if (relative.relationship === 'non-relative-co-resident') {
    // s26(7): a non-relative counts only after five years of ordinarily residing with the patient.
    const period = hasLivedWithPatientFor(relative, 5 * 12, asOf);
    if (period === null) {
      grounds.push({ reason: 'not a relative, and the date they began living with the patient is not given, so five years cannot be shown', provision: provisionOf('non-relative-five-years') });
    } else if (!period.complete) {
      grounds.push({ reason: `not a relative, and has lived with the patient for less than five years (five years are complete on ${period.completeOn.toString()})`, provision: provisionOf('non-relative-five-years') });
    }
    if (spouseBarsOthers) {
      grounds.push({ reason: 'the patient is married or in a civil partnership, and that husband, wife or civil partner is not permanently separated or in desertion', provision: provisionOf('non-relative-and-married-patient') });
    }
  }

  if (input.patient.residesInUK && !relative.residesInUK) {
    // s26(5)(a): only when the patient is ordinarily resident in the UK, Channel Islands or Isle of Man.
    grounds.push({ reason: 'not ordinarily resident in the United Kingdom, the Channel Islands or the Isle of Man, while the patient is', provision: provisionOf('not-resident-in-the-uk') });
  }

  if (isSpouseInSection26(relative)) {
    // s26(5)(b): permanent separation (by agreement or court order) or desertion that has not ended.
    if (relative.permanentlySeparated) grounds.push({ reason: 'permanently separated from the patient', provision: provisionOf('spouse-permanently-separated') });
    if (relative.deserted) grounds.push({ reason: 'has deserted, or been deserted by, the patient, and the desertion has not ended', provision: provisionOf('spouse-desertion') });
  }

  const exemptFromAgeLimit = isSpouseInSection26(relative) || relative.relationship === 'father' || relative.relationship === 'mother';
  // s26(5)(c): under 18 passes a person over unless husband, wife, civil partner, father or mother; unknown age counts as adult.
  if (!exemptFromAgeLimit && relative.dateOfBirth !== null && underEighteenOn(relative.dateOfBirth, asOf)) {
    grounds.push({ reason: `under 18 on ${asOf.toString()}, and not the patient's husband, wife, civil partner, father or mother`, provision: provisionOf('under-eighteen') });
  }

  return grounds;
}

// s26(4): preference for those the patient ordinarily resides with or is cared for by. A counted cohabitant
// (s26(6)) or non-relative (s26(7)) lives with the patient by definition.
function residesWithOrCaresFor(relative: Relative): boolean {
  return relative.livesWithOrCaresForPatient || relative.relationship === 'cohabitant' || relative.relationship === 'non-relative-co-resident';
}

interface Candidate {
  relative: Relative;
  inputPosition: number;
}

function compareCandidates(a: Candidate, b: Candidate): number {
  // s26(4)(a): those the patient resides with or is cared for by come before the others.
  const preference = Number(residesWithOrCaresFor(b.relative)) - Number(residesWithOrCaresFor(a.relative));
  if (preference !== 0) return preference;
  // s26(3), s26(4)(b): the first described in the list; s26(7)(a): non-relatives last.
  const list = listPosition[a.relative.relationship] - listPosition[b.relative.relationship];
  if (list !== 0) return list;
  // s26(3): whole blood preferred to half blood of the same description.
  const blood = Number(a.relative.halfBlood) - Number(b.relative.halfBlood);
  if (blood !== 0) return blood;
  // s26(3): elder preferred regardless of sex; unknown dates of birth after known ones.
  const aBorn = a.relative.dateOfBirth;
  const bBorn = b.relative.dateOfBirth;
  if (aBorn !== null && bBorn !== null) {
    const age = Temporal.PlainDate.compare(aBorn, bBorn);
    if (age !== 0) return age;
  } else if (aBorn !== null || bBorn !== null) {
    return aBorn !== null ? -1 : 1;
  }
  // A tie the statute cannot break on these facts: keep the input order.
  return a.inputPosition - b.inputPosition;
}

export function findNearestRelative(input: NearestRelativeInput): NearestRelativeOutput {
  // s26(6), s26(7)(b): while the patient has a husband, wife or civil partner not passed over under
  // s26(5)(b), neither a cohabitant nor a non-relative can be the nearest relative.
  const spouseBarsOthers = input.relatives.some((relative) => isMarriedSpouse(relative) && !separatedOrInDesertion(relative));

  const candidates: Candidate[] = [];
  const excluded: NearestRelativeOutput['excluded'] = [];
  input.relatives.forEach((relative, inputPosition) => {
    const grounds = groundsForExclusion(relative, input, spouseBarsOthers);
    if (grounds.length === 0) {
      candidates.push({ relative, inputPosition });
    } else {
      // s26(5): passed over as if dead; the rest are ranked without them.
      excluded.push({
        id: relative.id,
        reason: grounds.map((ground) => ground.reason).join('; '),
        provision: [...new Set(grounds.map((ground) => ground.provision))].join(', '),
      });
    }
  });

  const ranking = candidates.sort(compareCandidates).map((candidate) => candidate.relative.id);
  return { nearestRelative: ranking[0] ?? null, ranking, excluded };
}
