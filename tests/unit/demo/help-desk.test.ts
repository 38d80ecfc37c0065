// The help desk's demo data: profiles for every adviser and leader, requests in every state,
// consistent with the schema's rules and the routing code, and nothing that could reach a real person.
import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../../../server/demo/generate.ts';
import { FIXED_ACCOUNTS } from '../../../server/demo/fixed-accounts.ts';
import { DIRECTORY } from '../../../server/reference/help-directory.ts';
import { HELP_OUTCOMES, HELP_REQUEST_STATES, HELP_TOPICS } from '../../../server/reference/help.ts';

const NOW = new Date('2026-11-23T07:30:00Z');
const data = generateDemoData({ now: NOW });
const time = (value: Date | null | undefined) => (value instanceof Date ? value.getTime() : NaN);

describe('demo help desk', () => {
  it('gives every adviser and community leader a help profile', () => {
    const helpers = data.userRoles.filter((role) => role.role === 'adviser' || role.role === 'leader').map((role) => role.userId);
    expect(helpers).toHaveLength(20 + 10 + 2);
    expect(new Set(data.helpProfiles.map((profile) => profile.userId))).toEqual(new Set(helpers));
    for (const profile of data.helpProfiles) {
      expect(profile.topics!.length).toBeGreaterThan(0);
      expect(profile.topics!.every((topic) => (HELP_TOPICS as readonly string[]).includes(topic))).toBe(true);
      expect((profile.dutyHours as unknown[]).length).toBeGreaterThan(0);
    }
  });

  it('has 60 requests in every state, each consistent with its state', () => {
    expect(data.helpRequests).toHaveLength(60);
    const states = new Set(data.helpRequests.map((request) => request.state));
    expect([...states].sort()).toEqual([...HELP_REQUEST_STATES].sort());
    const users = new Set(data.users.map((user) => user.id));
    const services = new Set(DIRECTORY.map((entry) => entry.slug));
    const codes = new Set<string>();
    for (const request of data.helpRequests) {
      expect(request.trackingCode).toMatch(/^KF-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
      expect(codes.has(request.trackingCode!)).toBe(false);
      codes.add(request.trackingCode!);
      const created = time(request.createdAt);
      expect(created).toBeLessThanOrEqual(NOW.getTime());
      for (const later of [request.claimedAt, request.referredAt, request.resolvedAt, request.closedAt, request.anonymisedAt]) {
        if (later) expect(time(later)).toBeGreaterThanOrEqual(created);
        if (later) expect(time(later)).toBeLessThanOrEqual(NOW.getTime());
      }
      if (request.assignedTo) expect(users.has(request.assignedTo)).toBe(true);
      if (request.askerId) expect(users.has(request.askerId)).toBe(true);
      if (request.referredService) expect(services.has(request.referredService)).toBe(true);
      const claimed = ['claimed', 'referred', 'resolved', 'closed'].includes(request.state!);
      expect(request.assignedTo !== null && request.assignedTo !== undefined).toBe(claimed);
      if (request.state === 'resolved' || request.state === 'closed') expect(HELP_OUTCOMES).toContain(request.outcome);
      if (request.state === 'offered' && request.escalateAt) expect(time(request.escalateAt)).toBeGreaterThan(NOW.getTime());
      if (request.anonymisedAt) {
        expect(request).toMatchObject({ question: null, contactValue: null, trackToken: null, askerId: null });
      } else {
        expect(request.question).toMatch(/\S/);
        expect(request.trackToken).toMatch(/^[0-9a-f]{64}$/);
      }
      // Invented contacts only: example.org addresses and numbers no Hong Kong line has.
      if (request.contactValue) expect(request.contactValue).toMatch(/@example\.org$|^\+852 0000 \d{4}$/);
    }
    expect(data.helpRequests.some((request) => request.anonymisedAt)).toBe(true);
  });

  it('explains every offer with the routing code’s parts, and fills the fixed helpers’ inboxes', () => {
    const requests = new Map(data.helpRequests.map((request) => [request.id, request]));
    for (const offer of data.helpOffers) {
      expect(requests.has(offer.requestId)).toBe(true);
      expect((offer.parts as { part: string }[]).map((part) => part.part)).toEqual(['topic', 'language', 'duty', 'role', 'load']);
    }
    const forAdviser = data.helpOffers.filter((offer) => offer.helperId === FIXED_ACCOUNTS.adviser.id);
    expect(forAdviser.filter((offer) => offer.state === 'open').length).toBeGreaterThanOrEqual(2);
    expect(data.helpRequests.filter((request) => request.assignedTo === FIXED_ACCOUNTS.adviser.id && request.state === 'claimed').length).toBeGreaterThanOrEqual(3);
    expect(data.helpRequests.some((request) => request.assignedTo === FIXED_ACCOUNTS.leader.id)).toBe(true);
    expect(data.helpRequests.some((request) => request.askerId === FIXED_ACCOUNTS.migrant.id)).toBe(true);
    for (const entry of [...data.helpNotes, ...data.helpMessages]) expect(requests.has(entry.requestId)).toBe(true);
  });

  it('is the same for the same seed, and scales down to no requests', () => {
    expect(generateDemoData({ now: NOW }).helpRequests).toEqual(data.helpRequests);
    const none = generateDemoData({ now: NOW, mentors: 5, migrants: 4, events: 2, advisers: 0, leaders: 0, helpRequests: 0 });
    expect(none.helpRequests).toEqual([]);
    expect(none.helpProfiles).toHaveLength(2);
    const few = generateDemoData({ now: NOW, mentors: 5, migrants: 4, events: 2, advisers: 1, leaders: 1, helpRequests: 6 });
    expect(new Set(few.helpRequests.map((request) => request.state)).size).toBe(6);
  });
});
