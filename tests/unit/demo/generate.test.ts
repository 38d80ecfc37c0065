import { describe, expect, it } from 'vitest';
import { EVENT_STATES, MENTOR_VETTING, MENTORSHIP_STATES, RSVP_STATES } from '../../../drizzle/schema.ts';
import {
  DEMO_DEFAULTS,
  EVENT_WINDOW_DAYS,
  generateDemoData,
  generateMatchingPopulation,
  type DemoData,
  type DemoOptions,
} from '../../../server/demo/generate.ts';
import { FIXED_ACCOUNTS } from '../../../server/demo/fixed-accounts.ts';
import {
  AVAILABILITY_MAX,
  availabilitySlot,
  DISTRICT_CODES,
  EVENT_CATEGORIES,
  GOAL_CODES,
  INDUSTRY_CODES,
  LANGUAGE_CODES,
  LANGUAGE_LEVELS,
  MEETING_MODES,
  ROLES,
  UI_LOCALES,
} from '../../../server/reference/data.ts';

const NOW = new Date('2026-11-23T07:30:00Z');
const DAY = 86_400_000;
const HONG_KONG = 8 * 3_600_000;
const SUNDAY_ONLY = availabilitySlot('sun', 'morning') | availabilitySlot('sun', 'afternoon') | availabilitySlot('sun', 'evening');

/** Day of the week (0 = Sunday) and minutes after midnight, in Hong Kong. */
const hongKong = (date: Date) => {
  const local = new Date(date.getTime() + HONG_KONG);
  return { weekday: local.getUTCDay(), minutes: local.getUTCHours() * 60 + local.getUTCMinutes() };
};
const time = (value: Date | null | undefined) => (value instanceof Date ? value.getTime() : NaN);
const countBy = <T>(items: readonly T[], key: (item: T) => string) => {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
};

const defaultData = generateDemoData({ now: NOW });

function expectSubset(values: readonly (string | null | undefined)[], allowed: readonly string[], what: string) {
  const unknown = [...new Set(values)].filter((value) => typeof value !== 'string' || !allowed.includes(value));
  expect(unknown, `${what} outside the reference data`).toEqual([]);
}

/** What must hold for any seed and any counts. */
function checkInvariants(data: DemoData, options: DemoOptions) {
  const now = options.now.getTime();
  const userIds = new Set(data.users.map((user) => user.id!));

  // People
  expect(userIds.size).toBe(data.users.length);
  const emails = data.users.map((user) => user.email!);
  expect(new Set(emails).size).toBe(emails.length);
  expect(emails.every((email) => email === email.toLowerCase() && email.endsWith('@kaifong.test'))).toBe(true);
  expect(data.users.every((user) => user.isDemo === true)).toBe(true);
  expectSubset(data.users.map((user) => user.locale), UI_LOCALES, 'locales');
  expectSubset(data.userRoles.map((role) => role.role), ROLES, 'roles');
  expectSubset(data.userLanguages.map((language) => language.languageCode), LANGUAGE_CODES, 'languages');
  expectSubset(data.userLanguages.map((language) => language.level), LANGUAGE_LEVELS, 'language levels');
  for (const account of Object.values(FIXED_ACCOUNTS)) {
    const user = data.users.find((candidate) => candidate.id === account.id);
    expect(user?.email, account.email).toBe(account.email);
    expect(data.userRoles.some((role) => role.userId === account.id && role.role === account.role)).toBe(true);
  }
  const roleCount = (prefix: string) => emails.filter((email) => new RegExp(`^${prefix}-\\d{3}@`).test(email)).length;
  expect(roleCount('mentor')).toBe(options.mentors ?? DEMO_DEFAULTS.mentors);
  expect(roleCount('migrant')).toBe(options.migrants ?? DEMO_DEFAULTS.migrants);
  expect(roleCount('adviser')).toBe(options.advisers ?? DEMO_DEFAULTS.advisers);
  expect(roleCount('leader')).toBe(options.leaders ?? DEMO_DEFAULTS.leaders);
  for (const row of [...data.userRoles, ...data.userLanguages, ...data.migrantProfiles, ...data.mentorProfiles]) {
    expect(userIds.has(row.userId)).toBe(true);
  }
  expect(new Set(data.userRoles.map((role) => `${role.userId}/${role.role}`)).size).toBe(data.userRoles.length);
  expect(new Set(data.userLanguages.map((language) => `${language.userId}/${language.languageCode}`)).size).toBe(data.userLanguages.length);

  // Profiles
  for (const profile of [...data.migrantProfiles, ...data.mentorProfiles]) {
    expect(profile.availability).toBeGreaterThan(0);
    expect(profile.availability).toBeLessThanOrEqual(AVAILABILITY_MAX);
    expect(profile.yearsExperience).toBeGreaterThanOrEqual(0);
    expect(profile.yearsExperience).toBeLessThanOrEqual(60);
  }
  expectSubset(data.migrantProfiles.map((profile) => profile.industryCode), INDUSTRY_CODES, 'migrant industries');
  expectSubset(data.migrantProfiles.map((profile) => profile.districtCode), DISTRICT_CODES, 'migrant districts');
  expectSubset(data.migrantProfiles.flatMap((profile) => profile.goals ?? []), GOAL_CODES, 'goals');
  expect(data.migrantProfiles.every((profile) => (profile.goals ?? []).length > 0)).toBe(true);
  expectSubset(data.mentorProfiles.map((profile) => profile.industryCode), INDUSTRY_CODES, 'mentor industries');
  expectSubset(data.mentorProfiles.flatMap((profile) => profile.expertise ?? []), INDUSTRY_CODES, 'expertise');
  expectSubset(data.mentorProfiles.flatMap((profile) => profile.topics ?? []), GOAL_CODES, 'topics');
  expectSubset(data.mentorProfiles.map((profile) => profile.districtCode), DISTRICT_CODES, 'mentor districts');
  expectSubset(data.mentorProfiles.flatMap((profile) => profile.meetingModes ?? []), MEETING_MODES, 'meeting modes');
  expectSubset(data.mentorProfiles.map((profile) => profile.vetting), MENTOR_VETTING, 'vetting');
  for (const mentor of data.mentorProfiles) {
    expect((mentor.meetingModes ?? []).length).toBeGreaterThan(0);
    if (mentor.vetting === 'revoked') expect(mentor.revokeReason).toBeTruthy();
    if (mentor.vetting === 'pending') expect(mentor.vettedAt ?? null).toBeNull();
    else expect(mentor.vettedBy).toBe(FIXED_ACCOUNTS.admin.id);
  }
  // Domestic workers: their industry, goals that fit, free on Sundays only.
  for (const profile of data.migrantProfiles.filter((candidate) => candidate.industryCode === 'domestic-work')) {
    expect(profile.availability! & ~SUNDAY_ONLY).toBe(0);
  }

  // Mentorships
  const mentors = new Map(data.mentorProfiles.map((profile) => [profile.userId, profile]));
  const migrants = new Set(data.migrantProfiles.map((profile) => profile.userId));
  expectSubset(data.mentorships.map((mentorship) => mentorship.state), MENTORSHIP_STATES, 'mentorship states');
  const openPairs = new Set<string>();
  const openPerMigrant = new Map<string, number>();
  const accepted = new Map<string, number>();
  for (const mentorship of data.mentorships) {
    const mentor = mentors.get(mentorship.mentorId)!;
    expect(mentor, 'mentorship with someone who is not a mentor').toBeDefined();
    expect(migrants.has(mentorship.migrantId)).toBe(true);
    const requested = time(mentorship.requestedAt);
    expect(time(mentorship.expiresAt) - requested).toBe(7 * DAY);
    expect(requested).toBeLessThan(now);
    expect(time(mentorship.updatedAt)).toBeLessThanOrEqual(now);
    expect(time(mentorship.updatedAt)).toBeGreaterThanOrEqual(requested);
    const state = mentorship.state!;
    if (state === 'requested' || state === 'accepted') {
      const pair = `${mentorship.migrantId}/${mentorship.mentorId}`;
      expect(openPairs.has(pair), 'two open mentorships for one pair').toBe(false);
      openPairs.add(pair);
      openPerMigrant.set(mentorship.migrantId, (openPerMigrant.get(mentorship.migrantId) ?? 0) + 1);
      expect(mentor.vetting).toBe('approved');
    }
    if (state === 'requested') {
      expect(time(mentorship.expiresAt)).toBeGreaterThan(now);
      expect(mentor.paused).toBe(false);
    }
    if (state === 'expired') expect(time(mentorship.expiresAt)).toBeLessThanOrEqual(now);
    if (state === 'accepted') accepted.set(mentorship.mentorId, (accepted.get(mentorship.mentorId) ?? 0) + 1);
    if (state === 'accepted' || state === 'declined' || state === 'ended') {
      expect(time(mentorship.respondedAt)).toBeGreaterThan(requested);
      expect(time(mentorship.respondedAt)).toBeLessThan(time(mentorship.expiresAt));
    }
    if (state === 'declined') expect(mentorship.declineReason).toBeTruthy();
    if (state === 'ended') {
      expect(time(mentorship.endedAt)).toBeGreaterThan(time(mentorship.respondedAt));
      expect(time(mentorship.endedAt)).toBeLessThanOrEqual(now);
      expect(mentorship.feedbackRating).toBeGreaterThanOrEqual(1);
      expect(mentorship.feedbackRating).toBeLessThanOrEqual(5);
      expect([mentorship.migrantId, mentorship.mentorId]).toContain(mentorship.endedBy);
    } else {
      expect(mentorship.feedbackRating ?? null).toBeNull();
    }
  }
  expect(Math.max(0, ...openPerMigrant.values())).toBeLessThanOrEqual(1);
  for (const mentor of data.mentorProfiles) {
    expect(mentor.activeMentees, `activeMentees of ${mentor.userId}`).toBe(accepted.get(mentor.userId) ?? 0);
    expect(mentor.activeMentees).toBeLessThanOrEqual(mentor.capacity!);
  }

  // Organisations
  const organisationIds = new Set(data.organisations.map((organisation) => organisation.id!));
  expect(data.organisations).toHaveLength(options.organisations ?? DEMO_DEFAULTS.organisations);
  expect(new Set(data.organisations.map((organisation) => organisation.slug)).size).toBe(data.organisations.length);
  for (const organisation of data.organisations) {
    expect(organisation.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(organisation.website).toMatch(/^https:\/\/[a-z0-9-]+\.example\.org$/);
    const members = data.organisationMembers.filter((member) => member.organisationId === organisation.id);
    expect(members.filter((member) => member.role === 'owner')).toHaveLength(1);
    for (const member of members) {
      expect(userIds.has(member.userId)).toBe(true);
      expect(data.userRoles.some((role) => role.userId === member.userId && role.role === 'organiser')).toBe(true);
    }
  }
  const ownedByOrganiser = data.organisationMembers.filter(
    (member) => member.userId === FIXED_ACCOUNTS.organiser.id && member.role === 'owner',
  );
  expect(ownedByOrganiser).toHaveLength(2);

  // Events
  expect(data.events).toHaveLength(options.events ?? DEMO_DEFAULTS.events);
  expect(new Set(data.events.map((event) => event.slug)).size).toBe(data.events.length);
  expectSubset(data.events.map((event) => event.category), EVENT_CATEGORIES, 'event categories');
  expectSubset(data.events.map((event) => event.status), EVENT_STATES, 'event states');
  expectSubset(data.events.flatMap((event) => event.languages ?? []), LANGUAGE_CODES, 'event languages');
  expectSubset(data.events.flatMap((event) => event.industries ?? []), INDUSTRY_CODES, 'event industries');
  expectSubset(data.events.flatMap((event) => (event.districtCode ? [event.districtCode] : [])), DISTRICT_CODES, 'event districts');
  const going = countBy(data.rsvps.filter((rsvp) => rsvp.status === 'going'), (rsvp) => rsvp.eventId);
  const waiting = countBy(data.rsvps.filter((rsvp) => rsvp.status === 'waitlisted'), (rsvp) => rsvp.eventId);
  for (const event of data.events) {
    const startsAt = time(event.startsAt);
    expect(organisationIds.has(event.organisationId)).toBe(true);
    expect(startsAt).toBeGreaterThan(now);
    expect(startsAt).toBeLessThan(now + (EVENT_WINDOW_DAYS + 1) * DAY);
    expect(time(event.endsAt)).toBeGreaterThan(startsAt);
    expect(event.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect((event.languages ?? []).length).toBeGreaterThan(0);
    expect(event.descriptionHtml).toContain('<');
    // No phone numbers: help lines are shown with their sources on the "Need help now?" page.
    expect(`${event.summary} ${event.descriptionMd}`).not.toMatch(/\d{4}[ -]?\d{4}/);
    if (event.onlineUrl) expect(event.onlineUrl).toMatch(/^https:\/\/meet\.example\.org\//);
    if (event.status !== 'draft') {
      expect(event.venue ?? event.onlineUrl).toBeTruthy();
      expect(time(event.publishedAt)).toBeLessThan(now);
    }
    if (event.status === 'cancelled') expect(event.cancelMessage).toBeTruthy();
    const { weekday, minutes } = hongKong(event.startsAt);
    if ((event.industries ?? []).includes('domestic-work')) {
      expect(weekday, `${event.title} is for domestic workers: on their Sunday`).toBe(0);
    }
    if (event.category === 'networking') {
      expect(weekday >= 1 && weekday <= 5, `${event.title} on a weekday`).toBe(true);
      expect(minutes).toBeGreaterThanOrEqual(18 * 60);
    }
    const seats = event.capacity ?? Infinity;
    expect(going[event.id!] ?? 0).toBeLessThanOrEqual(seats);
    if ((waiting[event.id!] ?? 0) > 0) expect(going[event.id!]).toBe(seats);
    if (event.status === 'draft') expect(going[event.id!] ?? 0).toBe(0);
  }
  expectSubset(data.rsvps.map((rsvp) => rsvp.status), RSVP_STATES, 'RSVP states');
  expect(new Set(data.rsvps.map((rsvp) => `${rsvp.eventId}/${rsvp.userId}`)).size).toBe(data.rsvps.length);
  expect(new Set(data.invitations.map((invitation) => `${invitation.eventId}/${invitation.userId}`)).size).toBe(data.invitations.length);
  for (const row of [...data.rsvps, ...data.invitations]) {
    expect(userIds.has(row.userId)).toBe(true);
    expect(data.events.some((event) => event.id === row.eventId)).toBe(true);
  }
  expect(data.rsvps.every((rsvp) => time(rsvp.createdAt) <= now)).toBe(true);
}

describe('generateDemoData', () => {
  it('gives identical rows for the same seed and now', () => {
    expect(generateDemoData({ now: NOW })).toEqual(defaultData);
  });

  it('gives different people and events for another seed, with the same fixed accounts', () => {
    const other = generateDemoData({ now: NOW, seed: 2 });
    expect(other.users.map((user) => user.displayName)).not.toEqual(defaultData.users.map((user) => user.displayName));
    expect(other.events.map((event) => event.slug)).not.toEqual(defaultData.events.map((event) => event.slug));
    expect(other.users.slice(0, 6).map((user) => user.id)).toEqual(defaultData.users.slice(0, 6).map((user) => user.id));
  });

  it('holds every invariant for the default set', () => {
    checkInvariants(defaultData, { now: NOW });
  });

  it.each([
    { seed: 1, now: new Date('2027-02-28T23:59:59Z') },
    { seed: 99, now: new Date('2026-06-07T16:00:00Z'), mentors: 30, migrants: 60, organisations: 3, events: 9, advisers: 2, leaders: 2 },
    { seed: 5, now: new Date('2026-12-31T12:00:00Z'), mentors: 5, migrants: 4, organisations: 2, events: 2, advisers: 0, leaders: 0 },
    { seed: 6, now: new Date('2026-01-01T00:00:00Z'), organisations: 14, events: 60 },
  ])('holds every invariant for other seeds and sizes (%#)', (options) => {
    checkInvariants(generateDemoData(options), options);
  });

  it('has checks that catch a broken set', () => {
    const broken = structuredClone(defaultData);
    broken.mentorProfiles.find((profile) => profile.activeMentees === 0 && profile.capacity! > 1)!.activeMentees = 1;
    expect(() => checkInvariants(broken, { now: NOW })).toThrow(/activeMentees/);

    const monday = structuredClone(defaultData);
    const helpersEvent = monday.events.find((event) => (event.industries ?? []).includes('domestic-work'))!;
    helpersEvent.startsAt = new Date(time(helpersEvent.startsAt) + DAY);
    helpersEvent.endsAt = new Date(time(helpersEvent.endsAt) + DAY);
    expect(() => checkInvariants(monday, { now: NOW })).toThrow(/Sunday/);
  });

  it('rejects counts it cannot honour', () => {
    expect(() => generateDemoData({ now: NOW, organisations: 1 })).toThrow(RangeError);
    expect(() => generateDemoData({ now: NOW, mentors: -1 })).toThrow(RangeError);
    expect(() => generateDemoData({ now: new Date(Number.NaN) })).toThrow(RangeError);
  });

  it('sets up the fixed accounts for trying each role', () => {
    const { mentor, migrant, organiser } = FIXED_ACCOUNTS;
    const mentorProfile = defaultData.mentorProfiles.find((profile) => profile.userId === mentor.id)!;
    expect(mentorProfile).toMatchObject({ vetting: 'approved', industryCode: 'fintech', paused: false, activeMentees: 1 });
    const languagesOf = (userId: string) =>
      Object.fromEntries(defaultData.userLanguages.filter((row) => row.userId === userId).map((row) => [row.languageCode, row.level]));
    expect(languagesOf(mentor.id)).toMatchObject({ yue: 'native', en: 'fluent' });
    const mentorships = defaultData.mentorships.filter((row) => row.mentorId === mentor.id);
    expect(countBy(mentorships, (row) => row.state!)).toMatchObject({ accepted: 1, requested: 1 });

    const migrantProfile = defaultData.migrantProfiles.find((profile) => profile.userId === migrant.id)!;
    expect(migrantProfile).toMatchObject({ industryCode: 'fintech', goals: ['learning-cantonese', 'job-search'] });
    expect(migrantProfile.occupation && migrantProfile.headline && migrantProfile.bio && migrantProfile.arrivedOn).toBeTruthy();
    expect(languagesOf(migrant.id)).toMatchObject({ en: 'native' });
    const migrantRsvps = defaultData.rsvps.filter((rsvp) => rsvp.userId === migrant.id);
    expect(migrantRsvps).toHaveLength(1);
    expect(migrantRsvps[0]!.status).toBe('going');
    // No mentorship yet, so every mentor can be recommended to the demo migrant.
    expect(defaultData.mentorships.some((row) => row.migrantId === migrant.id)).toBe(false);

    const owned = defaultData.organisationMembers.filter((row) => row.userId === organiser.id && row.role === 'owner');
    const ownedOrganisations = defaultData.organisations.filter((row) => owned.some((member) => member.organisationId === row.id));
    expect(ownedOrganisations.every((row) => row.status === 'approved')).toBe(true);
  });

  it('gives the training events trainers who speak their language, the fixed leader among them', () => {
    const data = defaultData;
    const trainingEvents = data.events.filter(
      (event) => event.status !== 'draft' && ['rights-training', 'cultural-orientation', 'wellbeing'].includes(event.category),
    );
    expect(trainingEvents.length).toBeGreaterThan(0);
    const trained = new Set(data.eventTrainers.map((row) => row.eventId));
    expect(trainingEvents.every((event) => trained.has(event.id!))).toBe(true);
    expect(data.eventTrainers.every((row) => trainingEvents.some((event) => event.id === row.eventId))).toBe(true);
    expect(new Set(data.eventTrainers.map((row) => `${row.eventId}/${row.userId}`)).size).toBe(data.eventTrainers.length);
    const helperIds = new Set(data.userRoles.filter((row) => row.role === 'adviser' || row.role === 'leader').map((row) => row.userId));
    for (const row of data.eventTrainers) {
      expect(helperIds.has(row.userId)).toBe(true);
      const event = trainingEvents.find((candidate) => candidate.id === row.eventId)!;
      const spoken = data.userLanguages.filter((language) => language.userId === row.userId).map((language) => language.languageCode);
      expect(spoken.some((code) => (event.languages ?? []).includes(code))).toBe(true);
    }
    expect(data.eventTrainers.filter((row) => row.userId === FIXED_ACCOUNTS.leader.id).length).toBeGreaterThan(0);
  });

  it('looks like Hong Kong', () => {
    const data = defaultData;
    const vetting = countBy(data.mentorProfiles, (profile) => profile.vetting!);
    expect(vetting.approved! / data.mentorProfiles.length).toBeGreaterThan(0.8);
    expect(vetting.pending).toBeGreaterThan(5);
    expect(vetting.revoked).toBe(2);
    const paused = data.mentorProfiles.filter((profile) => profile.paused).length;
    expect(paused).toBeGreaterThanOrEqual(3);
    expect(paused).toBeLessThanOrEqual(10);

    const states = countBy(data.mentorships, (row) => row.state!);
    for (const state of ['requested', 'accepted', 'declined', 'expired', 'withdrawn', 'ended']) expect(states[state]).toBeGreaterThan(5);

    const helpers = data.migrantProfiles.filter((profile) => profile.industryCode === 'domestic-work');
    expect(helpers.length / data.migrantProfiles.length).toBeGreaterThan(0.25);
    expect(helpers.length / data.migrantProfiles.length).toBeLessThan(0.45);
    const helperGoals = countBy(helpers.flatMap((profile) => profile.goals ?? []), (goal) => goal);
    expect(helperGoals['employment-rights']! + helperGoals.wellbeing!).toBeGreaterThan(helpers.length * 0.8);

    // Mentors: mostly Cantonese-speaking locals who also speak English.
    const mentorIds = new Set(data.mentorProfiles.map((profile) => profile.userId));
    const nativeCantonese = data.userLanguages.filter((row) => mentorIds.has(row.userId) && row.languageCode === 'yue' && row.level === 'native');
    expect(nativeCantonese.length / mentorIds.size).toBeGreaterThan(0.6);

    const districts = countBy(data.migrantProfiles, (profile) => profile.districtCode!);
    expect(districts['central-and-western']!).toBeGreaterThan(districts.north ?? 0);
    const locales = countBy(data.users, (user) => user.locale!);
    for (const locale of UI_LOCALES) expect(locales[locale]).toBeGreaterThan(20);

    const full = data.events.filter((event) => data.rsvps.some((rsvp) => rsvp.eventId === event.id && rsvp.status === 'waitlisted'));
    expect(full.length).toBeGreaterThanOrEqual(2);
    expect(data.events.filter((event) => event.status === 'draft')).toHaveLength(2);
    expect(data.events.filter((event) => event.status === 'cancelled')).toHaveLength(1);
    expect(data.events.filter((event) => (event.industries ?? []).includes('domestic-work')).length).toBeGreaterThanOrEqual(10);
    const invented = data.organisations.map((organisation) => organisation.name!.toLowerCase()).join(' | ');
    for (const realName of ['mission for migrant workers', 'help for domestic workers', 'bethune', 'christian action', 'pathfinders', 'enrich', 'justice centre']) {
      expect(invented).not.toContain(realName);
    }
  });
});

describe('generateMatchingPopulation', () => {
  it('is repeatable and produces valid matching profiles', () => {
    const population = generateMatchingPopulation({ seed: 3, mentors: 2000, migrants: 500 });
    expect(generateMatchingPopulation({ seed: 3, mentors: 2000, migrants: 500 })).toEqual(population);
    expect(population.mentors).toHaveLength(2000);
    expect(population.migrants).toHaveLength(500);
    expect(new Set(population.mentors.map((mentor) => mentor.userId)).size).toBe(2000);
    for (const mentor of population.mentors) {
      expect(INDUSTRY_CODES).toContain(mentor.industryCode);
      expect(mentor.activeMentees).toBeLessThanOrEqual(mentor.capacity);
      expect(mentor.languages.length).toBeGreaterThan(0);
      expect(mentor.availability).toBeGreaterThan(0);
    }
    expectSubset(population.migrants.flatMap((migrant) => migrant.goals), GOAL_CODES, 'goals');
    expectSubset(population.mentors.flatMap((mentor) => mentor.languages.map((language) => language.code)), LANGUAGE_CODES, 'languages');
  });

  it('is fast enough for benchmarks with 100,000 mentors', () => {
    const started = performance.now();
    const population = generateMatchingPopulation({ seed: 1, mentors: 100_000, migrants: 1000 });
    expect(population.mentors).toHaveLength(100_000);
    // About a second on a laptop; the bound only catches an accidental quadratic.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
