// Help-desk factories and helpers for integration tests: committed rows, made the way the app
// makes them (a helper's profile through the service, requests through the API).
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { helpProfiles } from '../../drizzle/schema.ts';
import type { Db } from '../../server/db/client.ts';
import type { DutySlot } from '../../server/matching/help-routing.ts';
import type { LanguageLevel, Role } from '../../server/reference/data.ts';
import type { HelpTopic } from '../../server/reference/help.ts';
import { saveHelpProfile } from '../../server/services/help-profiles.ts';
import { makeUser, type MadeUser } from './factories.ts';

/** On duty every hour of the week. */
export const ALWAYS: DutySlot[] = (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => ({ day, start: '00:00', end: '24:00' }));

export interface HelperOptions {
  kind?: 'adviser' | 'leader';
  displayName?: string;
  topics?: HelpTopic[];
  languages?: [string, LanguageLevel][];
  dutyHours?: DutySlot[];
  capacity?: number;
  accepting?: boolean;
  organisation?: string | null;
  extraRoles?: Role[];
}

export async function makeHelper(db: Db, options: HelperOptions = {}): Promise<MadeUser> {
  const kind = options.kind ?? 'adviser';
  const roles: Role[] = [kind, ...(options.extraRoles ?? [])];
  const languages = options.languages ?? [
    ['en', 'fluent'],
    ['tl', 'native'],
  ];
  const user = await makeUser(db, { roles, languages, displayName: options.displayName });
  await saveHelpProfile(db, user.id, roles, {
    topics: options.topics ?? ['employment'],
    languages: languages.map(([code, level]) => ({ code, level })),
    dutyHours: options.dutyHours ?? ALWAYS,
    capacity: options.capacity ?? 5,
    organisation: options.organisation ?? 'Test partner',
    accepting: options.accepting ?? true,
  });
  return user;
}

/** Takes every helper made so far off routing, so a test sees only the helpers it makes next. */
export async function pauseAllHelpers(db: Db): Promise<void> {
  await db.update(helpProfiles).set({ accepting: false });
}

/** A different client address per call, so the anonymous rate limit stays out of the way. */
export function someAddress(): string {
  const bytes = crypto.randomBytes(3);
  return `10.${bytes[0]}.${bytes[1]}.${bytes[2]}`;
}

export const QUESTION = 'My employer has not paid my salary for two months and keeps my passport. What can I do?';

export function askBody(overrides: Record<string, unknown> = {}) {
  return {
    topic: 'employment',
    urgency: 'urgent',
    askerRole: 'worker',
    languages: ['tl', 'en'],
    contact: { channel: 'in-app', hours: 'Sundays after 10:00', noMessages: true },
    question: QUESTION,
    locale: 'tl',
    ...overrides,
  };
}

export interface Asked {
  id: string;
  trackingCode: string;
  trackingToken: string;
  trackingUrl: string;
  state: string;
  askerEmailed: boolean;
  emergencyContacts: { id: string; channels: { value: string; confirmed: boolean }[] }[];
  guides: { slug: string }[];
}

/** POST /api/help-requests as an anonymous asker from a fresh address (or as `cookie`'s owner). */
export async function ask(app: FastifyInstance, overrides: Record<string, unknown> = {}, cookie?: string): Promise<Asked> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/help-requests',
    payload: askBody(overrides),
    remoteAddress: someAddress(),
    ...(cookie ? { headers: { cookie } } : {}),
  });
  if (response.statusCode !== 201) throw new Error(`ask: ${response.statusCode} ${response.body}`);
  return response.json();
}
