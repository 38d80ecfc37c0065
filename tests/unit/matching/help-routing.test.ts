import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkHelperEligibility,
  hongKongMinuteOfWeek,
  isOnDuty,
  minutesUntilOnDuty,
  rankHelpers,
  scoreHelper,
  type DutySlot,
  type HelpCase,
  type HelperCandidate,
  type HelpScorePart,
} from '../../../server/matching/help-routing.ts';
import { HELP_PART_MAX, HELP_SCORE_MAX, helpLoadPenalty } from '../../../server/matching/help-weights.ts';
import { HELP_ASKER_ROLES, HELP_TOPICS, HELP_URGENCIES } from '../../../server/reference/help.ts';

// Monday 2026-11-23 10:30 in Hong Kong (02:30 UTC).
const MONDAY_1030 = new Date('2026-11-23T02:30:00Z');
const WEEK: DutySlot[] = (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => ({ day, start: '00:00', end: '24:00' }));

const helpCase = (over: Partial<HelpCase> = {}): HelpCase => ({
  topic: 'employment',
  urgency: 'urgent',
  askerRole: 'worker',
  languages: ['tl', 'en'],
  ...over,
});

const helper = (over: Partial<HelperCandidate> = {}): HelperCandidate => ({
  id: 'helper-1',
  kind: 'adviser',
  topics: ['employment'],
  languages: [{ code: 'tl', level: 'native' }],
  dutyHours: WEEK,
  capacity: 4,
  load: 0,
  accepting: true,
  ...over,
});

function part<P extends HelpScorePart['part']>(parts: HelpScorePart[], name: P): Extract<HelpScorePart, { part: P }> {
  const found = parts.find((candidate) => candidate.part === name);
  if (!found) throw new Error(`no ${name} part`);
  return found as Extract<HelpScorePart, { part: P }>;
}

describe('duty hours (Hong Kong time)', () => {
  it('reads the Hong Kong weekday and time, whatever the server zone', () => {
    expect(hongKongMinuteOfWeek(MONDAY_1030)).toBe(10 * 60 + 30);
    // Sunday 23:59 in Hong Kong is the last minute of the week.
    expect(hongKongMinuteOfWeek(new Date('2026-11-29T15:59:00Z'))).toBe(7 * 24 * 60 - 1);
  });

  it('knows when someone is on duty, including night shifts past midnight and Sunday into Monday', () => {
    const office: DutySlot[] = [{ day: 'mon', start: '09:00', end: '17:00' }];
    expect(isOnDuty(office, MONDAY_1030)).toBe(true);
    expect(isOnDuty(office, new Date('2026-11-23T09:00:00Z'))).toBe(false); // 17:00, end excluded
    const night: DutySlot[] = [{ day: 'sun', start: '22:00', end: '06:00' }];
    expect(isOnDuty(night, new Date('2026-11-22T21:00:00Z'))).toBe(true); // Monday 05:00
    expect(isOnDuty(night, new Date('2026-11-22T22:00:00Z'))).toBe(false); // Monday 06:00
    expect(isOnDuty([{ day: 'mon', start: '20:00', end: '24:00' }], new Date('2026-11-23T15:59:00Z'))).toBe(true);
  });

  it('counts the minutes to the next shift, or null with none', () => {
    expect(minutesUntilOnDuty([{ day: 'mon', start: '12:00', end: '13:00' }], MONDAY_1030)).toBe(90);
    expect(minutesUntilOnDuty([{ day: 'mon', start: '09:00', end: '10:00' }], MONDAY_1030)).toBe(7 * 24 * 60 - 90);
    expect(minutesUntilOnDuty([], MONDAY_1030)).toBeNull();
    expect(minutesUntilOnDuty([{ day: 'mon', start: '25:00', end: '26:00' }], MONDAY_1030)).toBeNull();
  });
});

describe('hard filters', () => {
  it.each([
    ['not accepting', { accepting: false }, {}, 'not_accepting'],
    ['full', { load: 4, capacity: 4 }, {}, 'full'],
    ['already offered', {}, { alreadyOffered: new Set(['helper-1']) }, 'already_offered'],
    ['off duty for an urgent case', { dutyHours: [{ day: 'tue', start: '09:00', end: '17:00' }] as DutySlot[] }, {}, 'off_duty'],
  ])('%s', (_name, over, context, reason) => {
    expect(checkHelperEligibility(helpCase(), helper(over), { now: MONDAY_1030, ...context })).toBe(reason);
  });

  it('never offers the asker their own case', () => {
    expect(checkHelperEligibility(helpCase({ askerId: 'helper-1' }), helper(), { now: MONDAY_1030 })).toBe('is_asker');
  });

  it('lets a question wait for the next shift, but not an emergency', () => {
    const offDuty = helper({ dutyHours: [{ day: 'tue', start: '09:00', end: '17:00' }] });
    expect(checkHelperEligibility(helpCase({ urgency: 'question' }), offDuty, { now: MONDAY_1030 })).toBeNull();
    expect(checkHelperEligibility(helpCase({ urgency: 'emergency' }), offDuty, { now: MONDAY_1030 })).toBe('off_duty');
  });
});

describe('the explained score', () => {
  it('gives every part with its reason, in order', () => {
    const scored = scoreHelper(helpCase(), helper({ load: 1, capacity: 4 }), MONDAY_1030);
    expect(scored.parts.map((p) => p.part)).toEqual(['topic', 'language', 'duty', 'role', 'load']);
    expect(part(scored.parts, 'topic')).toMatchObject({ points: 35, reason: 'covers_topic', topic: 'employment' });
    expect(part(scored.parts, 'language')).toMatchObject({ points: 30, reason: 'shared_language', language: 'tl', level: 'native', preference: 0 });
    expect(part(scored.parts, 'duty')).toMatchObject({ points: 20, reason: 'on_duty_now' });
    expect(part(scored.parts, 'role')).toMatchObject({ points: 15, reason: 'adviser_for_complex_case', kind: 'adviser' });
    expect(part(scored.parts, 'load')).toMatchObject({ points: -3, reason: 'helper_load', load: 1, capacity: 4 });
    expect(scored.score).toBe(35 + 30 + 20 + 15 - 3);
  });

  it('prefers the asker’s first language, and explains a missing one', () => {
    const englishOnly = scoreHelper(helpCase(), helper({ languages: [{ code: 'en', level: 'native' }] }), MONDAY_1030);
    expect(part(englishOnly.parts, 'language')).toMatchObject({ points: 26, language: 'en', preference: 1 });
    const none = scoreHelper(helpCase(), helper({ languages: [{ code: 'ja', level: 'native' }] }), MONDAY_1030);
    expect(part(none.parts, 'language')).toMatchObject({ points: 0, reason: 'no_shared_language' });
    const basic = scoreHelper(helpCase(), helper({ languages: [{ code: 'tl', level: 'basic' }] }), MONDAY_1030);
    expect(part(basic.parts, 'language')).toMatchObject({ points: 6, level: 'basic' });
  });

  it('scores general help below the topic itself', () => {
    expect(part(scoreHelper(helpCase(), helper({ topics: ['other'] }), MONDAY_1030).parts, 'topic')).toMatchObject({ points: 10, reason: 'general_help' });
    expect(part(scoreHelper(helpCase(), helper({ topics: ['wellbeing'] }), MONDAY_1030).parts, 'topic')).toMatchObject({ points: 0, reason: 'other_topic' });
  });

  it('gives a worker’s everyday question to a peer leader first, and hard cases to advisers', () => {
    const question = helpCase({ urgency: 'question', topic: 'wellbeing' });
    expect(part(scoreHelper(question, helper({ kind: 'leader' }), MONDAY_1030).parts, 'role').reason).toBe('peer_leader_for_worker');
    expect(part(scoreHelper(question, helper(), MONDAY_1030).parts, 'role').points).toBe(10);
    const legal = helpCase({ urgency: 'question', topic: 'immigration' });
    expect(part(scoreHelper(legal, helper({ kind: 'leader' }), MONDAY_1030).parts, 'role')).toMatchObject({ points: 0, reason: 'leader_for_complex_case' });
    const employer = helpCase({ urgency: 'question', askerRole: 'employer' });
    expect(part(scoreHelper(employer, helper(), MONDAY_1030).parts, 'role').reason).toBe('adviser_for_question');
  });

  it('explains a shift that starts soon', () => {
    const soon = helper({ dutyHours: [{ day: 'mon', start: '11:30', end: '18:00' }] });
    expect(part(scoreHelper(helpCase({ urgency: 'question' }), soon, MONDAY_1030).parts, 'duty')).toMatchObject({
      points: 8,
      reason: 'on_duty_soon',
      minutesUntil: 60,
    });
  });

  it('stays within 0–100 and never exceeds a part’s maximum, for any case and helper', () => {
    const slot = fc.record({
      day: fc.constantFrom('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun' as const),
      start: fc.constantFrom('00:00', '08:00', '13:30', '22:00'),
      end: fc.constantFrom('06:00', '12:00', '18:00', '24:00'),
    });
    const language = fc.record({ code: fc.constantFrom('tl', 'id', 'en', 'yue', 'ne'), level: fc.constantFrom('basic', 'conversational', 'fluent', 'native' as const) });
    fc.assert(
      fc.property(
        fc.record({
          topic: fc.constantFrom(...HELP_TOPICS),
          urgency: fc.constantFrom(...HELP_URGENCIES),
          askerRole: fc.constantFrom(...HELP_ASKER_ROLES),
          languages: fc.array(fc.constantFrom('tl', 'id', 'en', 'yue', 'ne'), { minLength: 1, maxLength: 4 }),
        }),
        fc.record({
          id: fc.constant('h'),
          kind: fc.constantFrom('adviser', 'leader' as const),
          topics: fc.subarray([...HELP_TOPICS]),
          languages: fc.array(language, { maxLength: 4 }),
          dutyHours: fc.array(slot, { maxLength: 4 }) as fc.Arbitrary<DutySlot[]>,
          capacity: fc.integer({ min: 1, max: 10 }),
          load: fc.integer({ min: 0, max: 12 }),
          accepting: fc.boolean(),
        }),
        fc.date({ min: new Date('2026-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }),
        (c, h, now) => {
          const scored = scoreHelper(c, h, now);
          expect(scored.score).toBeGreaterThanOrEqual(0);
          expect(scored.score).toBeLessThanOrEqual(HELP_SCORE_MAX);
          for (const p of scored.parts) expect(p.points).toBeLessThanOrEqual(HELP_PART_MAX[p.part]);
          expect(part(scored.parts, 'load').points).toBe(-helpLoadPenalty(h.load, h.capacity));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('ranking', () => {
  it('puts the best first with its reasons, and lists who was filtered out and why', () => {
    const ranking = rankHelpers(
      helpCase(),
      [
        helper({ id: 'english-speaker', languages: [{ code: 'en', level: 'fluent' }] }),
        helper({ id: 'tagalog-speaker' }),
        helper({ id: 'busy', load: 3, capacity: 3 }),
        helper({ id: 'on-leave', accepting: false }),
        helper({ id: 'peer-leader', kind: 'leader' }),
      ],
      { now: MONDAY_1030 },
    );
    expect(ranking.ranked.map((r) => r.helperId)).toEqual(['tagalog-speaker', 'english-speaker', 'peer-leader']);
    expect(ranking.ineligible).toEqual([
      { helperId: 'busy', reason: 'full' },
      { helperId: 'on-leave', reason: 'not_accepting' },
    ]);
  });

  it('breaks ties by the emptier helper, then by id', () => {
    const ranking = rankHelpers(
      helpCase(),
      [helper({ id: 'b', capacity: 10, load: 1 }), helper({ id: 'c', capacity: 4, load: 1 }), helper({ id: 'a', capacity: 10, load: 1 })],
      { now: MONDAY_1030 },
    );
    // a and b tie exactly (id decides); c is fuller, so its load penalty is larger.
    expect(ranking.ranked.map((r) => r.helperId)).toEqual(['a', 'b', 'c']);
  });
});
