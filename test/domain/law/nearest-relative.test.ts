import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseNearestRelativeInput } from '../../../src/app/law/parse-law-input.ts';
import { relationships, type NearestRelativeInput, type NearestRelativeOutput, type Relationship, type Relative } from '../../../src/domain/law/contract.ts';
import { findNearestRelative, nearestRelativeRules } from '../../../src/domain/law/nearest-relative.ts';

const asOf = Temporal.PlainDate.from('2026-05-01');
const date = (text: string) => Temporal.PlainDate.from(text);

type RelativeFacts = Partial<Omit<Relative, 'id' | 'relationship' | 'dateOfBirth' | 'livingWithPatientSince'>> & {
  born?: string;
  since?: string;
};

// A relative with the parser's defaults: whole blood, in the UK, not separated, parental responsibility not stated.
function relative(id: string, relationship: Relationship, facts: RelativeFacts = {}): Relative {
  const { born, since, ...rest } = facts;
  return {
    id,
    relationship,
    dateOfBirth: born === undefined ? null : date(born),
    halfBlood: false,
    residesInUK: true,
    permanentlySeparated: false,
    deserted: false,
    parentalResponsibility: null,
    livesWithOrCaresForPatient: false,
    livingWithPatientSince: since === undefined ? null : date(since),
    ...rest,
  };
}

function find(relatives: Relative[], options: { asOf?: string; patientInUK?: boolean } = {}): NearestRelativeOutput {
  return findNearestRelative({
    asOf: options.asOf === undefined ? asOf : date(options.asOf),
    patient: { dateOfBirth: date('1980-01-01'), residesInUK: options.patientInUK ?? true },
    relatives,
  });
}

function exclusionOf(output: NearestRelativeOutput, id: string) {
  const found = output.excluded.find((entry) => entry.id === id);
  assert.ok(found, `${id} should be excluded`);
  return found;
}

describe('s26(1) and s26(3): the order of the list', () => {
  // One relative for each paragraph, each younger than the one in the paragraph below, so age cannot explain the order.
  const oneOfEach: Relative[] = [
    relative('husband', 'husband', { born: '1999-01-01' }),
    relative('son', 'son', { born: '1998-01-01' }),
    relative('mother', 'mother', { born: '1997-01-01' }),
    relative('brother', 'brother', { born: '1996-01-01' }),
    relative('grandfather', 'grandfather', { born: '1995-01-01' }),
    relative('granddaughter', 'granddaughter', { born: '1994-01-01' }),
    relative('aunt', 'aunt', { born: '1993-01-01' }),
    relative('nephew', 'nephew', { born: '1992-01-01' }),
  ];

  it('ranks every paragraph in the statutory order whatever the order given', () => {
    const expected = oneOfEach.map((entry) => entry.id);
    assert.deepEqual(find(oneOfEach).ranking, expected);
    assert.deepEqual(find([...oneOfEach].reverse()).ranking, expected);
    assert.equal(find([...oneOfEach].reverse()).nearestRelative, 'husband');
  });

  it('prefers each paragraph to the next, pair by pair', () => {
    for (let index = 0; index + 1 < oneOfEach.length; index += 1) {
      const higher = oneOfEach[index]!;
      const lower = oneOfEach[index + 1]!;
      assert.equal(find([lower, higher]).nearestRelative, higher.id, `${higher.relationship} before ${lower.relationship}`);
    }
  });

  it('treats both people in each paragraph alike', () => {
    const pairs: [Relationship, Relationship][] = [
      ['wife', 'daughter'],
      ['civil-partner', 'son'],
      ['daughter', 'father'],
      ['father', 'sister'],
      ['sister', 'grandmother'],
      ['grandmother', 'grandson'],
      ['grandson', 'uncle'],
      ['uncle', 'niece'],
    ];
    for (const [higher, lower] of pairs) {
      assert.equal(find([relative('low', lower, { born: '1950-01-01' }), relative('high', higher, { born: '2000-01-01' })]).nearestRelative, 'high', `${higher} before ${lower}`);
    }
  });

  it('puts a wife before an older son', () => {
    const output = find([relative('s', 'son', { born: '1960-01-01' }), relative('w', 'wife', { born: '1990-01-01' })]);
    assert.deepEqual(output.ranking, ['w', 's']);
  });

  it('prefers the elder of two relatives in a paragraph regardless of sex', () => {
    assert.equal(find([relative('son', 'son', { born: '2000-03-01' }), relative('daughter', 'daughter', { born: '1999-03-01' })]).nearestRelative, 'daughter');
    assert.equal(find([relative('daughter', 'daughter', { born: '2000-03-01' }), relative('son', 'son', { born: '1999-03-01' })]).nearestRelative, 'son');
    assert.equal(find([relative('father', 'father', { born: '1955-01-01' }), relative('mother', 'mother', { born: '1954-12-31' })]).nearestRelative, 'mother');
    assert.deepEqual(find([relative('b1', 'brother', { born: '1985-01-01' }), relative('s1', 'sister', { born: '1982-01-01' }), relative('b2', 'brother', { born: '1983-01-01' })]).ranking, ['s1', 'b2', 'b1']);
  });

  it('prefers whole blood to half blood in a paragraph, even a younger brother to an elder half-sister', () => {
    const output = find([relative('half-sister', 'sister', { born: '1970-01-01', halfBlood: true }), relative('brother', 'brother', { born: '1990-01-01' })]);
    assert.deepEqual(output.ranking, ['brother', 'half-sister']);
    assert.deepEqual(output.excluded, []);
  });

  it('counts a half-blood relative as a relative, ahead of a later paragraph (s26(2))', () => {
    const output = find([relative('grandmother', 'grandmother', { born: '1930-01-01' }), relative('half-brother', 'brother', { born: '1990-01-01', halfBlood: true })]);
    assert.equal(output.nearestRelative, 'half-brother');
  });

  it('orders several half-blood relatives by age', () => {
    const output = find([
      relative('younger-half', 'uncle', { born: '1960-01-01', halfBlood: true }),
      relative('whole', 'aunt', { born: '1965-01-01' }),
      relative('elder-half', 'aunt', { born: '1950-01-01', halfBlood: true }),
    ]);
    assert.deepEqual(output.ranking, ['whole', 'elder-half', 'younger-half']);
  });

  it('keeps the input order where dates of birth are unknown, after those whose dates are known', () => {
    const siblings = [relative('b', 'brother'), relative('a', 'sister'), relative('known', 'brother', { born: '1990-01-01' }), relative('c', 'sister')];
    assert.deepEqual(find(siblings).ranking, ['known', 'b', 'a', 'c']);
    assert.deepEqual(find([...siblings].reverse()).ranking, ['known', 'c', 'a', 'b']);
  });

  it('keeps the input order for relatives born on the same day', () => {
    assert.deepEqual(find([relative('twin-2', 'son', { born: '2000-01-01' }), relative('twin-1', 'daughter', { born: '2000-01-01' })]).ranking, ['twin-2', 'twin-1']);
  });
});

describe('s26(2): the father of a patient whose parents were not married', () => {
  it('excludes a father without parental responsibility', () => {
    const output = find([relative('f', 'father', { born: '1950-01-01', parentalResponsibility: false }), relative('m', 'mother', { born: '1955-01-01' })]);
    assert.equal(output.nearestRelative, 'm');
    assert.deepEqual(output.ranking, ['m']);
    assert.equal(exclusionOf(output, 'f').provision, 's26(2)(b)');
    assert.match(exclusionOf(output, 'f').reason, /parental responsibility/);
  });

  it('counts a father with parental responsibility', () => {
    assert.equal(find([relative('m', 'mother', { born: '1955-01-01' }), relative('f', 'father', { born: '1950-01-01', parentalResponsibility: true })]).nearestRelative, 'f');
  });

  it('counts a father when parental responsibility is not stated', () => {
    const output = find([relative('m', 'mother', { born: '1955-01-01' }), relative('f', 'father', { born: '1950-01-01' })]);
    assert.equal(output.nearestRelative, 'f');
    assert.deepEqual(output.excluded, []);
  });

  it('ignores the parental responsibility field for anyone but a father', () => {
    assert.equal(find([relative('m', 'mother', { born: '1955-01-01', parentalResponsibility: false })]).nearestRelative, 'm');
  });
});

describe('s26(4): relatives the patient lives with or is cared for by come first', () => {
  it('puts a sister who lives with the patient before a wife who does not', () => {
    const output = find([relative('w', 'wife', { born: '1980-01-01' }), relative('s', 'sister', { born: '1985-01-01', livesWithOrCaresForPatient: true })]);
    assert.deepEqual(output.ranking, ['s', 'w']);
  });

  it('puts a niece who cares for the patient before the father', () => {
    assert.equal(find([relative('f', 'father', { born: '1950-01-01' }), relative('n', 'niece', { born: '2000-01-01', livesWithOrCaresForPatient: true })]).nearestRelative, 'n');
  });

  it('chooses the eldest of several brothers the patient lives with', () => {
    const output = find([
      relative('young', 'brother', { born: '1990-01-01', livesWithOrCaresForPatient: true }),
      relative('not-living-with', 'brother', { born: '1970-01-01' }),
      relative('old', 'brother', { born: '1980-01-01', livesWithOrCaresForPatient: true }),
    ]);
    assert.deepEqual(output.ranking, ['old', 'young', 'not-living-with']);
  });

  it('applies the list order between several relatives who live with or care for the patient', () => {
    const output = find([
      relative('uncle', 'uncle', { born: '1940-01-01', livesWithOrCaresForPatient: true }),
      relative('mother', 'mother', { born: '1950-01-01', livesWithOrCaresForPatient: true }),
      relative('son', 'son', { born: '2000-01-01' }),
    ]);
    assert.deepEqual(output.ranking, ['mother', 'uncle', 'son']);
  });

  it('passes to the next relative who lives with the patient when the first is disqualified', () => {
    const output = find([
      relative('abroad', 'daughter', { born: '1998-01-01', livesWithOrCaresForPatient: true, residesInUK: false }),
      relative('aunt', 'aunt', { born: '1960-01-01', livesWithOrCaresForPatient: true }),
      relative('son', 'son', { born: '2000-01-01' }),
    ]);
    assert.deepEqual(output.ranking, ['aunt', 'son']);
  });
});

describe('s26(5)(a): relatives not resident in the UK', () => {
  it('excludes a relative living abroad when the patient lives in the UK', () => {
    const output = find([relative('away', 'mother', { born: '1950-01-01', residesInUK: false }), relative('home', 'brother', { born: '1985-01-01' })]);
    assert.equal(output.nearestRelative, 'home');
    assert.equal(exclusionOf(output, 'away').provision, 's26(5)(a)');
  });

  it('does not exclude a relative living abroad when the patient does not live in the UK', () => {
    const output = find([relative('away', 'mother', { born: '1950-01-01', residesInUK: false }), relative('home', 'brother', { born: '1985-01-01' })], { patientInUK: false });
    assert.equal(output.nearestRelative, 'away');
    assert.deepEqual(output.excluded, []);
  });
});

describe('s26(5)(b): a husband, wife or civil partner separated or in desertion', () => {
  it('excludes a permanently separated wife, with the contract\'s reason', () => {
    const output = find([relative('w', 'wife', { born: '1981-01-01', permanentlySeparated: true }), relative('s', 'son', { born: '2004-09-09' })]);
    assert.deepEqual(output, {
      nearestRelative: 's',
      ranking: ['s'],
      excluded: [{ id: 'w', reason: 'permanently separated from the patient', provision: 's26(5)(b)' }],
    });
  });

  it('excludes a husband who has deserted or been deserted', () => {
    const output = find([relative('h', 'husband', { born: '1978-01-01', deserted: true }), relative('m', 'mother', { born: '1950-01-01' })]);
    assert.equal(output.nearestRelative, 'm');
    assert.equal(exclusionOf(output, 'h').provision, 's26(5)(b)');
    assert.match(exclusionOf(output, 'h').reason, /deserted/);
  });

  it('excludes a deserted civil partner', () => {
    assert.equal(find([relative('cp', 'civil-partner', { deserted: true })]).nearestRelative, null);
  });

  it('does not apply separation to anyone but a partner', () => {
    assert.equal(find([relative('m', 'mother', { permanentlySeparated: true, deserted: true })]).nearestRelative, 'm');
  });

  it('gives every ground that applies', () => {
    const output = find([relative('w', 'wife', { permanentlySeparated: true, residesInUK: false })]);
    assert.deepEqual(output.excluded, [
      {
        id: 'w',
        reason: 'not ordinarily resident in the United Kingdom, the Channel Islands or the Isle of Man, while the patient is; permanently separated from the patient',
        provision: 's26(5)(a), s26(5)(b)',
      },
    ]);
  });
});

describe('s26(5)(c): relatives under 18', () => {
  it('excludes a son under 18 and passes to the next relative', () => {
    const output = find([relative('s', 'son', { born: '2010-01-01' }), relative('m', 'mother', { born: '1950-01-01' })]);
    assert.equal(output.nearestRelative, 'm');
    assert.equal(exclusionOf(output, 's').provision, 's26(5)(c)');
  });

  it('excludes siblings, grandchildren and nephews under 18', () => {
    for (const relationship of ['sister', 'grandson', 'nephew', 'aunt'] as const) {
      assert.equal(find([relative('young', relationship, { born: '2012-06-01' })]).nearestRelative, null, relationship);
    }
  });

  it('does not exclude a wife, husband, civil partner, father or mother under 18', () => {
    for (const relationship of ['wife', 'husband', 'civil-partner', 'father', 'mother'] as const) {
      const output = find([relative('young', relationship, { born: '2009-06-01' }), relative('b', 'brother', { born: '1990-01-01' })]);
      assert.equal(output.nearestRelative, 'young', relationship);
      assert.deepEqual(output.excluded, [], relationship);
    }
  });

  it('does not exclude a cohabitant under 18, who counts as a husband or wife (s26(6))', () => {
    assert.equal(find([relative('c', 'cohabitant', { born: '2009-06-01', since: '2025-01-01' })]).nearestRelative, 'c');
  });

  it('counts a relative as 18 from their 18th birthday', () => {
    assert.equal(find([relative('d', 'daughter', { born: '2008-05-01' })]).nearestRelative, 'd');
    assert.equal(find([relative('d', 'daughter', { born: '2008-05-02' })]).nearestRelative, null);
  });

  it('counts someone born on 29 February as 18 from 1 March in a year without one', () => {
    assert.equal(find([relative('d', 'daughter', { born: '2008-02-29' })], { asOf: '2026-02-28' }).nearestRelative, null);
    assert.equal(find([relative('d', 'daughter', { born: '2008-02-29' })], { asOf: '2026-03-01' }).nearestRelative, 'd');
  });

  it('treats a relative whose date of birth is not given as an adult', () => {
    assert.equal(find([relative('s', 'son')]).nearestRelative, 's');
  });
});

describe('s26(6): a cohabitant counts as a husband or wife after six months', () => {
  it('counts a cohabitant of seven months, ahead of children', () => {
    const output = find([relative('s', 'son', { born: '1990-01-01' }), relative('c', 'cohabitant', { born: '1982-01-01', since: '2025-10-01' })]);
    assert.deepEqual(output.ranking, ['c', 's']);
  });

  it('excludes a cohabitant of five months', () => {
    const output = find([relative('s', 'son', { born: '1990-01-01' }), relative('c', 'cohabitant', { born: '1982-01-01', since: '2025-12-01' })]);
    assert.deepEqual(output.ranking, ['s']);
    assert.equal(exclusionOf(output, 'c').provision, 's26(6)');
    assert.match(exclusionOf(output, 'c').reason, /less than six months.*2026-06-01/);
  });

  it('counts six months as complete on the same-numbered day six months later', () => {
    assert.equal(find([relative('c', 'cohabitant', { since: '2025-11-01' })]).nearestRelative, 'c');
    assert.equal(find([relative('c', 'cohabitant', { since: '2025-11-02' })]).nearestRelative, null);
  });

  it('counts six months from 31 August as complete on 1 March', () => {
    assert.equal(find([relative('c', 'cohabitant', { since: '2025-08-31' })], { asOf: '2026-02-28' }).nearestRelative, null);
    assert.equal(find([relative('c', 'cohabitant', { since: '2025-08-31' })], { asOf: '2026-03-01' }).nearestRelative, 'c');
  });

  it('excludes a cohabitant whose start date is not given', () => {
    const output = find([relative('c', 'cohabitant')]);
    assert.equal(output.nearestRelative, null);
    assert.equal(exclusionOf(output, 'c').provision, 's26(6)');
    assert.match(exclusionOf(output, 'c').reason, /not given/);
  });

  it('excludes a cohabitant of a patient whose wife is not separated, even when she is disqualified for living abroad', () => {
    const together = find([relative('w', 'wife', { born: '1981-01-01' }), relative('c', 'cohabitant', { since: '2020-01-01' })]);
    assert.deepEqual(together.ranking, ['w']);
    assert.equal(exclusionOf(together, 'c').provision, 's26(6)');

    const abroad = find([relative('w', 'wife', { residesInUK: false }), relative('c', 'cohabitant', { since: '2020-01-01' }), relative('s', 'son', { born: '2000-01-01' })]);
    assert.deepEqual(abroad.ranking, ['s']);
    assert.equal(exclusionOf(abroad, 'c').provision, 's26(6)');
  });

  it('counts the cohabitant of a patient whose husband is permanently separated or in desertion', () => {
    for (const facts of [{ permanentlySeparated: true }, { deserted: true }]) {
      const output = find([relative('h', 'husband', facts), relative('c', 'cohabitant', { since: '2020-01-01' }), relative('s', 'son', { born: '2000-01-01' })]);
      assert.deepEqual(output.ranking, ['c', 's']);
      assert.equal(exclusionOf(output, 'h').provision, 's26(5)(b)');
    }
  });

  it('gives a cohabitant the s26(4) preference without the lives-with field being set', () => {
    const output = find([relative('s', 'son', { born: '1990-01-01', livesWithOrCaresForPatient: true }), relative('c', 'cohabitant', { since: '2020-01-01' })]);
    assert.deepEqual(output.ranking, ['c', 's']);
  });
});

describe('s26(7): a non-relative the patient has lived with for five years', () => {
  it('excludes a non-relative of four years and counts one of six', () => {
    const four = find([relative('friend', 'non-relative-co-resident', { since: '2022-05-01' })]);
    assert.equal(four.nearestRelative, null);
    assert.equal(exclusionOf(four, 'friend').provision, 's26(7)');
    assert.match(exclusionOf(four, 'friend').reason, /less than five years.*2027-05-01/);
    assert.equal(find([relative('friend', 'non-relative-co-resident', { since: '2020-05-01' })]).nearestRelative, 'friend');
  });

  it('counts five years as complete on the same day five years later, and from 29 February on 1 March', () => {
    assert.equal(find([relative('friend', 'non-relative-co-resident', { since: '2021-05-01' })]).nearestRelative, 'friend');
    assert.equal(find([relative('friend', 'non-relative-co-resident', { since: '2021-05-02' })]).nearestRelative, null);
    assert.equal(find([relative('friend', 'non-relative-co-resident', { since: '2020-02-29' })], { asOf: '2025-02-28' }).nearestRelative, null);
    assert.equal(find([relative('friend', 'non-relative-co-resident', { since: '2020-02-29' })], { asOf: '2025-03-01' }).nearestRelative, 'friend');
  });

  it('excludes a non-relative whose start date is not given', () => {
    assert.equal(exclusionOf(find([relative('friend', 'non-relative-co-resident')]), 'friend').provision, 's26(7)');
  });

  it('ranks a non-relative of six years last among those the patient lives with', () => {
    const output = find([
      relative('friend', 'non-relative-co-resident', { born: '1940-01-01', since: '2020-01-01' }),
      relative('nephew', 'nephew', { born: '2000-01-01', livesWithOrCaresForPatient: true }),
      relative('brother', 'brother', { born: '1985-01-01', livesWithOrCaresForPatient: true }),
    ]);
    assert.deepEqual(output.ranking, ['brother', 'nephew', 'friend']);
  });

  it('ranks a non-relative of six years before relatives who neither live with nor care for the patient', () => {
    const output = find([relative('mother', 'mother', { born: '1950-01-01' }), relative('friend', 'non-relative-co-resident', { since: '2020-01-01' })]);
    assert.deepEqual(output.ranking, ['friend', 'mother']);
  });

  it('excludes a non-relative when the patient has a wife not separated, but not when she is separated', () => {
    const married = find([relative('w', 'wife', { residesInUK: false }), relative('friend', 'non-relative-co-resident', { since: '2010-01-01' })]);
    assert.equal(married.nearestRelative, null);
    assert.equal(exclusionOf(married, 'friend').provision, 's26(7)(b)');
    assert.equal(find([relative('w', 'wife', { permanentlySeparated: true }), relative('friend', 'non-relative-co-resident', { since: '2010-01-01' })]).nearestRelative, 'friend');
  });
});

describe('nobody qualifies', () => {
  it('gives null for no relatives', () => {
    assert.deepEqual(find([]), { nearestRelative: null, ranking: [], excluded: [] });
  });

  it('gives null when every relative is excluded, and lists them in the order given', () => {
    const output = find([
      relative('w', 'wife', { permanentlySeparated: true }),
      relative('s', 'son', { born: '2015-01-01' }),
      relative('f', 'father', { parentalResponsibility: false }),
      relative('b', 'brother', { residesInUK: false }),
    ]);
    assert.equal(output.nearestRelative, null);
    assert.deepEqual(output.ranking, []);
    assert.deepEqual(
      output.excluded.map((entry) => [entry.id, entry.provision]),
      [
        ['w', 's26(5)(b)'],
        ['s', 's26(5)(c)'],
        ['f', 's26(2)(b)'],
        ['b', 's26(5)(a)'],
      ],
    );
  });
});

describe('the shared worked example', () => {
  it('finds the elder son when the wife is permanently separated', () => {
    // The shared example (spec/law-examples/nearest-relative-separated-wife.json), held here so the suite
    // does not depend on files outside the repository.
    const example = {
      input: {
        asOf: '2026-05-01',
        patient: { dateOfBirth: '1980-01-01', residesInUK: true },
        relatives: [
          { id: 'w', relationship: 'wife', dateOfBirth: '1981-01-01', permanentlySeparated: true },
          { id: 's1', relationship: 'son', dateOfBirth: '2001-06-01' },
          { id: 's2', relationship: 'son', dateOfBirth: '2003-06-01' },
        ],
      },
      expect: { nearestRelative: 's1' },
    };
    const parsed = parseNearestRelativeInput(example.input);
    assert.ok(parsed.ok);
    const output = findNearestRelative(parsed.value);
    assert.equal(output.nearestRelative, example.expect.nearestRelative);
    assert.equal(output.nearestRelative, 's1');
    assert.deepEqual(output.ranking, ['s1', 's2']);
    assert.deepEqual(output.excluded, [{ id: 'w', reason: 'permanently separated from the patient', provision: 's26(5)(b)' }]);
  });
});

describe('the rules table', () => {
  it('names each rule once, with a provision and a plain statement', () => {
    const ids = nearestRelativeRules.map((rule) => rule.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of nearestRelativeRules) {
      assert.match(rule.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.match(rule.provision, /^s2[5-9]/);
      assert.ok(rule.statement.length > 20, rule.id);
    }
  });

  it('records the readings chosen for the open questions', () => {
    const readingOf = (id: string) => nearestRelativeRules.find((rule) => rule.id === id)?.reading ?? '';
    assert.match(readingOf('father-without-parental-responsibility'), /null/);
    assert.match(readingOf('under-eighteen'), /not given.*adult/);
    assert.match(readingOf('elder-before-younger'), /order in which the input lists them/);
    assert.match(readingOf('cohabitant-six-months'), /31 August to 1 March/);
  });
});

// Random inputs for the invariants.
const dayNumber = (earliest: string, latest: string) => {
  const start = date(earliest);
  const days = start.until(date(latest)).days;
  return fc.integer({ min: 0, max: days }).map((offset) => start.add({ days: offset }));
};

// True (or false) four times in five, so that most random relatives qualify.
const usually = (value: boolean) => fc.integer({ min: 0, max: 4 }).map((draw) => (draw === 0 ? !value : value));

const relativeFacts = fc.record({
  relationship: fc.constantFrom(...relationships),
  dateOfBirth: fc.option(dayNumber('1930-01-01', '2024-12-31'), { nil: null }),
  halfBlood: fc.boolean(),
  residesInUK: usually(true),
  permanentlySeparated: usually(false),
  deserted: usually(false),
  parentalResponsibility: fc.constantFrom(null, true, false),
  livesWithOrCaresForPatient: fc.boolean(),
  livingWithPatientSince: fc.option(dayNumber('2015-01-01', '2026-04-30'), { nil: null }),
});

const inputs = fc
  .record({
    asOf: dayNumber('2025-01-01', '2027-12-31'),
    patientInUK: fc.boolean(),
    relatives: fc.array(relativeFacts, { maxLength: 10 }),
  })
  .map(
    ({ asOf: day, patientInUK, relatives }): NearestRelativeInput => ({
      asOf: day,
      patient: { dateOfBirth: date('1980-01-01'), residesInUK: patientInUK },
      relatives: relatives.map((facts, index) => ({ id: `r${index}`, ...facts })),
    }),
  );

function shuffled(input: NearestRelativeInput) {
  return fc.shuffledSubarray(input.relatives, { minLength: input.relatives.length, maxLength: input.relatives.length }).map((relatives) => ({ ...input, relatives }));
}

const byId = (entries: NearestRelativeOutput['excluded']) => [...entries].sort((a, b) => a.id.localeCompare(b.id));

describe('invariants', () => {
  it('places every relative exactly once, in the ranking or among the excluded', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const output = findNearestRelative(input);
        const placed = [...output.ranking, ...output.excluded.map((entry) => entry.id)].sort();
        assert.deepEqual(placed, input.relatives.map((entry) => entry.id).sort());
      }),
    );
  });

  it('names the first of the ranking as nearest relative, or null when the ranking is empty', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const output = findNearestRelative(input);
        assert.equal(output.nearestRelative, output.ranking[0] ?? null);
      }),
    );
  });

  it('gives the same answer every time, and leaves its input as it was', () => {
    // Temporal values have no enumerable fields, so the input is compared through its JSON.
    const snapshot = (input: NearestRelativeInput) => JSON.stringify(input);
    fc.assert(
      fc.property(inputs, (input) => {
        const before = snapshot(input);
        const first = findNearestRelative(input);
        const copy = { ...input, relatives: input.relatives.map((entry) => ({ ...entry })) };
        assert.deepEqual(findNearestRelative(copy), first);
        assert.deepEqual(findNearestRelative(input), first);
        assert.equal(snapshot(input), before);
      }),
    );
  });

  it('does not depend on the order relatives are given in when every date of birth is known and different', () => {
    const distinctAges = inputs.filter((input) => {
      const births = input.relatives.map((entry) => entry.dateOfBirth?.toString() ?? null);
      return births.every((birth) => birth !== null) && new Set(births).size === births.length;
    });
    fc.assert(
      fc.property(
        distinctAges.chain((input) => fc.tuple(fc.constant(input), shuffled(input))),
        ([input, reordered]) => {
          const first = findNearestRelative(input);
          const second = findNearestRelative(reordered);
          assert.deepEqual(second.ranking, first.ranking);
          assert.deepEqual(byId(second.excluded), byId(first.excluded));
        },
      ),
    );
  });

  it('decides who qualifies, and every exclusion, whatever the order given', () => {
    fc.assert(
      fc.property(
        inputs.chain((input) => fc.tuple(fc.constant(input), shuffled(input))),
        ([input, reordered]) => {
          const first = findNearestRelative(input);
          const second = findNearestRelative(reordered);
          assert.deepEqual([...second.ranking].sort(), [...first.ranking].sort());
          assert.deepEqual(byId(second.excluded), byId(first.excluded));
        },
      ),
    );
  });

  it('puts everyone the patient lives with or is cared for by ahead of everyone else (s26(4))', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const output = findNearestRelative(input);
        const prefersByS26_4 = (id: string) => {
          const entry = input.relatives.find((candidate) => candidate.id === id)!;
          return entry.livesWithOrCaresForPatient || entry.relationship === 'cohabitant' || entry.relationship === 'non-relative-co-resident';
        };
        const flags = output.ranking.map(prefersByS26_4);
        assert.deepEqual(flags, [...flags].sort((a, b) => Number(b) - Number(a)));
      }),
    );
  });

  it('finds the next in the ranking when the nearest relative is treated as dead (s26(3), s26(5))', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const output = findNearestRelative(input);
        const nearest = input.relatives.find((entry) => entry.id === output.nearestRelative);
        // Removing a husband, wife or civil partner changes whether the patient is married (s26(6), s26(7)(b)).
        fc.pre(nearest !== undefined && !['husband', 'wife', 'civil-partner'].includes(nearest.relationship));
        const without = findNearestRelative({ ...input, relatives: input.relatives.filter((entry) => entry !== nearest) });
        assert.deepEqual(without.ranking, output.ranking.slice(1));
      }),
    );
  });

  it('never passes over a husband, wife, civil partner, father or mother for being under 18', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const output = findNearestRelative(input);
        for (const entry of output.excluded) {
          const excludedRelative = input.relatives.find((candidate) => candidate.id === entry.id)!;
          if (['husband', 'wife', 'civil-partner', 'cohabitant', 'father', 'mother'].includes(excludedRelative.relationship)) {
            assert.doesNotMatch(entry.provision, /s26\(5\)\(c\)/);
          }
        }
      }),
    );
  });

  it('cites only provisions in the rules table', () => {
    const known = new Set<string>(nearestRelativeRules.map((rule) => rule.provision));
    fc.assert(
      fc.property(inputs, (input) => {
        for (const entry of findNearestRelative(input).excluded) {
          for (const provision of entry.provision.split(', ')) assert.ok(known.has(provision), provision);
          assert.ok(entry.reason.length > 0);
        }
      }),
    );
  });
});
