// The help desk's cases: asking, routing (the matching engine's explained scoring), escalation,
// claiming, working a case, and what happens after it closes.
//
//   new → offered → claimed → referred | resolved → closed      (referred → resolved is allowed)
//
// Every change writes its emails to the outbox and its trace to audit_log in the same
// transaction. The question, notes, messages and the asker's contact are sealed with the
// help-desk key and opened only here; no email to anyone carries their text.
import crypto from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import {
  auditLog,
  helpMessages,
  helpNotes,
  helpOffers,
  helpProfiles,
  helpRequests,
  helpServices,
  notificationOutbox,
  userRoles,
  users,
  type NotificationKind,
} from '../../drizzle/schema.ts';
import { DEFAULT_HELP_CLAIM_TIMES_MS } from '../config.ts';
import type { Db, Queryable, Tx } from '../db/client.ts';
import { badRequest, conflict, forbidden, notFound, ruleBroken } from '../errors.ts';
import { hashSecret, newSecret } from '../lib/tokens.ts';
import { rankHelpers, scoreHelper, type HelpCase, type HelpScorePart, type HelperCandidate } from '../matching/help-routing.ts';
import { LANGUAGE_CODES, type Role, type UiLocale } from '../reference/data.ts';
import type {
  HelpAskerRole,
  HelpContactChannel,
  HelpOutcome,
  HelpRequestState,
  HelpTopic,
  HelpUrgency,
} from '../reference/help.ts';
import { HelpCipher, sealContext } from './help-crypto.ts';
import { announceToHelpInbox } from './help-inbox.ts';
import { loadHelperCandidates } from './help-profiles.ts';
import { enqueueNotification } from './outbox.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long a case waits for a claim before each escalation step, unless HELP_CLAIM_TIMES says otherwise. */
export const CLAIM_WINDOW_MS: Record<HelpUrgency, number> = DEFAULT_HELP_CLAIM_TIMES_MS;

/** Helpers offered the case at the first escalation, before the coordinators are told. */
export const ONWARD_OFFERS: Record<HelpUrgency, number> = { emergency: 2, urgent: 1, question: 1 };

/** escalation_step: 0 first offer, 1 offered onwards, 2 coordinators told. */
export const COORDINATOR_STEP = 2;

export const FOLLOW_UP_AFTER_MS = 7 * DAY;
/** The default of HELP_RETENTION_DAYS. */
export const HELP_RETENTION_DAYS = 180;

/** What the help-desk services need besides the database. */
export interface HelpDesk {
  db: Db;
  cipher: HelpCipher;
  /** ADMIN_EMAILS: coordinators may hold the admin role by configuration only. */
  adminEmails: readonly string[];
  /** HELP_CLAIM_TIMES: how long a case waits for a claim before each escalation step. */
  claimTimesMs: Readonly<Record<HelpUrgency, number>>;
  /** HELP_RETENTION_DAYS: closed cases are anonymised this long after closing. */
  retentionDays: number;
}

const ciphers = new Map<string, HelpCipher>();

export function createHelpDesk(
  db: Db,
  config: { helpDeskKey: string; adminEmails: readonly string[]; helpClaimTimesMs?: Record<HelpUrgency, number>; helpRetentionDays?: number },
): HelpDesk {
  let cipher = ciphers.get(config.helpDeskKey);
  if (!cipher) {
    cipher = HelpCipher.fromSecret(config.helpDeskKey);
    ciphers.set(config.helpDeskKey, cipher);
  }
  return {
    db,
    cipher,
    adminEmails: config.adminEmails,
    claimTimesMs: config.helpClaimTimesMs ?? CLAIM_WINDOW_MS,
    retentionDays: config.helpRetentionDays ?? HELP_RETENTION_DAYS,
  };
}

export interface Actor {
  id: string;
  roles: readonly Role[];
}

const isCoordinator = (actor: Actor) => actor.roles.includes('admin');

type RequestRow = typeof helpRequests.$inferSelect;

// ------------------------------------------------------------------ small parts

const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** KF-7H3K-Q9XD: no 0/O, 1/I/L or U, so it survives being read out on the phone. */
export function newTrackingCode(): string {
  const bytes = crypto.randomBytes(8);
  const chars = [...bytes].map((byte) => TRACKING_ALPHABET[byte % TRACKING_ALPHABET.length]);
  return `KF-${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

export const trackingPath = (token: string) => `/help/track/${token}`;
export const casePath = (id: string) => `/help-desk/cases/${id}`;

function illegal(row: { state: string }, action: string): never {
  throw conflict(`This help request is ${row.state}, so it cannot be ${action}.`, { state: row.state }, 'INVALID_TRANSITION');
}

function requireState(row: { state: string }, allowed: readonly HelpRequestState[], action: string): void {
  if (!allowed.includes(row.state as HelpRequestState)) illegal(row, action);
}

function requireNotAnonymised(row: RequestRow): void {
  if (row.anonymisedAt) throw conflict('This case was anonymised after its retention period.', { state: row.state }, 'ANONYMISED');
}

async function lockRequest(tx: Tx, id: string): Promise<RequestRow> {
  const [row] = await tx.select().from(helpRequests).where(eq(helpRequests.id, id)).for('update');
  if (!row) throw notFound('That help request');
  return row;
}

async function audit(q: Queryable, actorId: string | null, action: string, subjectId: string, details?: Record<string, unknown>): Promise<void> {
  await q.insert(auditLog).values({ actorId, action, subjectType: 'help_request', subjectId, details: details ?? null });
}

function caseOf(row: RequestRow): HelpCase {
  return {
    topic: row.topic as HelpTopic,
    urgency: row.urgency as HelpUrgency,
    askerRole: row.askerRole as HelpAskerRole,
    languages: row.languages,
    askerId: row.askerId,
  };
}

interface Person {
  id: string;
  email: string | null;
  displayName: string;
  locale: UiLocale;
}

async function people(q: Queryable, ids: readonly string[]): Promise<Person[]> {
  if (ids.length === 0) return [];
  const rows = await q
    .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale })
    .from(users)
    .where(and(inArray(users.id, [...ids]), isNull(users.deletedAt)));
  return rows.map((row) => ({ ...row, locale: row.locale as UiLocale }));
}

/** Everyone with the admin role, in the database or by ADMIN_EMAILS. */
async function coordinators(q: Queryable, adminEmails: readonly string[]): Promise<Person[]> {
  const byRole = sql`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = 'admin')`;
  const rows = await q
    .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale })
    .from(users)
    .where(and(isNull(users.deletedAt), adminEmails.length > 0 ? or(byRole, inArray(users.email, [...adminEmails])) : byRole));
  return rows.map((row) => ({ ...row, locale: row.locale as UiLocale }));
}

async function tell(
  tx: Tx,
  recipient: Person,
  kind: NotificationKind,
  payload: Record<string, unknown>,
  dedupeKey: string,
): Promise<boolean> {
  if (!recipient.email) return false;
  await enqueueNotification(tx, {
    kind,
    userId: recipient.id,
    toEmail: recipient.email,
    locale: recipient.locale,
    payload: { recipientName: recipient.displayName, ...payload },
    dedupeKey,
  });
  return true;
}

/** What helpers' emails say about a case: never the question, notes or messages. */
function caseFacts(row: RequestRow) {
  return { trackingCode: row.trackingCode, topic: row.topic, urgency: row.urgency, languages: row.languages, link: casePath(row.id) };
}

/**
 * The asker's email when they chose email as the safe way to reach them and did not ask us to
 * leave no messages; null otherwise (they follow the case through the tracking link).
 */
function askerEmail(desk: HelpDesk, row: RequestRow): string | null {
  if (row.noMessages || row.contactChannel !== 'email' || !row.contactValueEnc) return null;
  return desk.cipher.open(row.contactValueEnc, sealContext.contact(row.id));
}

function trackingLink(desk: HelpDesk, row: RequestRow): string | null {
  if (!row.trackTokenEnc) return null;
  return trackingPath(desk.cipher.open(row.trackTokenEnc, sealContext.trackToken(row.id)));
}

async function tellAsker(
  tx: Tx,
  desk: HelpDesk,
  row: RequestRow,
  kind: NotificationKind,
  dedupeKey: string,
  extra: Record<string, unknown> = {},
): Promise<boolean> {
  const email = askerEmail(desk, row);
  const link = trackingLink(desk, row);
  if (!email || !link) return false;
  await enqueueNotification(tx, {
    kind,
    userId: row.askerId,
    toEmail: email,
    locale: row.askerLocale as UiLocale,
    payload: { trackingCode: row.trackingCode, link, ...extra },
    dedupeKey,
  });
  return true;
}

// ------------------------------------------------------------------ offers and escalation

async function offerTo(
  tx: Tx,
  row: RequestRow,
  helpers: readonly { helperId: string; score: number; parts: HelpScorePart[] }[],
  step: number,
  now: Date,
): Promise<void> {
  if (helpers.length === 0) return;
  await tx
    .insert(helpOffers)
    .values(helpers.map((helper) => ({ requestId: row.id, helperId: helper.helperId, step, score: helper.score, parts: helper.parts, offeredAt: now })))
    .onConflictDoUpdate({
      target: [helpOffers.requestId, helpOffers.helperId],
      set: { step, state: 'open', score: sql`excluded.score`, parts: sql`excluded.parts`, offeredAt: now, closedAt: null },
    });
}

async function openOfferHolders(q: Queryable, requestId: string): Promise<string[]> {
  const rows = await q
    .select({ helperId: helpOffers.helperId })
    .from(helpOffers)
    .where(and(eq(helpOffers.requestId, requestId), eq(helpOffers.state, 'open')));
  return rows.map((offer) => offer.helperId);
}

/**
 * The coordinators are told; the case stays open for any of them (or an offered helper) to claim.
 * `row.state` is the case's state after the change.
 */
async function escalateToCoordinators(tx: Tx, desk: HelpDesk, row: RequestRow, reason: 'unclaimed' | 'no-helper-available', now: Date) {
  await tx
    .update(helpRequests)
    .set({ escalationStep: COORDINATOR_STEP, escalatedAt: now, escalateAt: null, updatedAt: now })
    .where(eq(helpRequests.id, row.id));
  await announceToHelpInbox(tx, {
    type: 'escalated',
    requestId: row.id,
    state: row.state as HelpRequestState,
    to: await openOfferHolders(tx, row.id),
    coordinators: true,
  });
  for (const coordinator of await coordinators(tx, desk.adminEmails)) {
    await tell(
      tx,
      coordinator,
      'help-request-escalated',
      { ...caseFacts(row), audience: 'coordinator', reason, waitingSince: row.createdAt.toISOString(), claimBy: null },
      `help-request-escalated:${row.id}:${coordinator.id}:${now.getTime()}`,
    );
  }
}

export interface RoutingResult {
  state: HelpRequestState;
  offeredTo: { helperId: string; score: number; parts: HelpScorePart[] }[];
  coordinatorsTold: boolean;
  /** When the next escalation is due; schedule a job for it (the sweep also finds it). */
  escalateAt: Date | null;
}

/** Offers a case to the best helper (or the named one); with nobody to offer it to, the coordinators are told. */
async function routeCase(
  tx: Tx,
  desk: HelpDesk,
  row: RequestRow,
  now: Date,
  options: { candidates: HelperCandidate[]; exclude?: ReadonlySet<string>; chosen?: HelperCandidate },
): Promise<RoutingResult> {
  const best = options.chosen
    ? scoreHelper(caseOf(row), options.chosen, now)
    : rankHelpers(caseOf(row), options.candidates, { now, alreadyOffered: options.exclude }).ranked[0];
  if (!best) {
    await tx.update(helpRequests).set({ state: 'new', assignedTo: null, updatedAt: now }).where(eq(helpRequests.id, row.id));
    await escalateToCoordinators(tx, desk, { ...row, state: 'new' }, 'no-helper-available', now);
    return { state: 'new', offeredTo: [], coordinatorsTold: true, escalateAt: null };
  }
  const offer = { helperId: best.helperId, score: best.score, parts: best.parts };
  const escalateAt = new Date(now.getTime() + desk.claimTimesMs[row.urgency as HelpUrgency]);
  await offerTo(tx, row, [offer], 0, now);
  await tx
    .update(helpRequests)
    .set({ state: 'offered', assignedTo: null, escalationStep: 0, escalateAt, escalatedAt: null, updatedAt: now })
    .where(eq(helpRequests.id, row.id));
  const [helper] = await people(tx, [best.helperId]);
  if (helper) {
    await tell(
      tx,
      helper,
      'help-request-offered',
      { ...caseFacts(row), claimBy: escalateAt.toISOString() },
      `help-request-offered:${row.id}:${helper.id}:${now.getTime()}`,
    );
  }
  await announceToHelpInbox(tx, { type: 'offered', requestId: row.id, state: 'offered', to: [best.helperId], coordinators: false });
  return { state: 'offered', offeredTo: [offer], coordinatorsTold: false, escalateAt };
}

/**
 * Escalates an unclaimed case whose claim time is up: first onwards to the next best
 * helpers, then to every coordinator. Run by the delayed job and by the sweep; safe to run
 * twice (a case claimed, moved or not yet due is left alone). Null when nothing was due.
 */
export async function escalateHelpRequest(desk: HelpDesk, id: string, now = new Date()): Promise<RoutingResult | null> {
  return desk.db.transaction(async (tx) => {
    const [row] = await tx.select().from(helpRequests).where(eq(helpRequests.id, id)).for('update');
    if (!row || !['new', 'offered'].includes(row.state) || !row.escalateAt || row.escalateAt > now || row.anonymisedAt) return null;

    if (row.escalationStep === 0) {
      const offered = await tx.select({ helperId: helpOffers.helperId, state: helpOffers.state }).from(helpOffers).where(eq(helpOffers.requestId, id));
      const ranking = rankHelpers(caseOf(row), await loadHelperCandidates(tx), {
        now,
        alreadyOffered: new Set(offered.map((offer) => offer.helperId)),
      });
      const next = ranking.ranked.slice(0, ONWARD_OFFERS[row.urgency as HelpUrgency]);
      if (next.length > 0) {
        const escalateAt = new Date(now.getTime() + desk.claimTimesMs[row.urgency as HelpUrgency]);
        const offers = next.map((helper) => ({ helperId: helper.helperId, score: helper.score, parts: helper.parts }));
        await offerTo(tx, row, offers, 1, now);
        await tx
          .update(helpRequests)
          .set({ state: 'offered', escalationStep: 1, escalateAt, updatedAt: now })
          .where(eq(helpRequests.id, id));
        for (const helper of await people(tx, offers.map((offer) => offer.helperId))) {
          await tell(
            tx,
            helper,
            'help-request-escalated',
            { ...caseFacts(row), audience: 'helper', reason: 'unclaimed', waitingSince: row.createdAt.toISOString(), claimBy: escalateAt.toISOString() },
            `help-request-escalated:${id}:${helper.id}:${now.getTime()}`,
          );
        }
        const newlyOffered = offers.map((offer) => offer.helperId);
        await announceToHelpInbox(tx, { type: 'offered', requestId: id, state: 'offered', to: newlyOffered, coordinators: false });
        await announceToHelpInbox(tx, {
          type: 'escalated',
          requestId: id,
          state: 'offered',
          to: offered.filter((offer) => offer.state === 'open').map((offer) => offer.helperId),
          coordinators: false,
        });
        await audit(tx, null, 'help.request.escalate', id, { step: 1, offeredTo: newlyOffered });
        return { state: 'offered', offeredTo: offers, coordinatorsTold: false, escalateAt };
      }
    }
    await escalateToCoordinators(tx, desk, row, 'unclaimed', now);
    await audit(tx, null, 'help.request.escalate', id, { step: COORDINATOR_STEP });
    return { state: row.state as HelpRequestState, offeredTo: [], coordinatorsTold: true, escalateAt: null };
  });
}

/** Unclaimed cases whose escalation is due: the sweep's work list. */
export async function dueHelpEscalations(db: Db, now = new Date(), limit = 200): Promise<string[]> {
  const rows = await db
    .select({ id: helpRequests.id })
    .from(helpRequests)
    .where(and(inArray(helpRequests.state, ['new', 'offered']), lte(helpRequests.escalateAt, now)))
    .orderBy(asc(helpRequests.escalateAt))
    .limit(limit);
  return rows.map((row) => row.id);
}

// ------------------------------------------------------------------ asking

export interface HelpRequestInput {
  topic: HelpTopic;
  urgency: HelpUrgency;
  askerRole: HelpAskerRole;
  languages: string[];
  contact: { channel: HelpContactChannel; hours: string; noMessages: boolean; value?: string | null };
  question: string;
  /** The language of the page the asker used: their emails come in it. */
  locale?: UiLocale;
}

export interface CreatedHelpRequest extends RoutingResult {
  id: string;
  trackingCode: string;
  /** The secret of the tracking link; shown once, stored only hashed (and sealed for emails). */
  trackingToken: string;
  askerEmailed: boolean;
}

const PHONE = /^\+?[0-9 ()-]{6,30}$/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

function contactValue(input: HelpRequestInput['contact'], account: { email: string | null; phone: string | null } | null): string | null {
  const given = input.value?.trim() || null;
  switch (input.channel) {
    case 'in-app':
      return null;
    case 'email': {
      const value = given ?? account?.email ?? null;
      if (!value) throw badRequest('contact.value: give an email address, or choose another way to be contacted.', { field: 'contact.value' });
      if (!EMAIL.test(value)) throw badRequest(`contact.value: "${value}" is not an email address.`, { field: 'contact.value' });
      return value.toLowerCase();
    }
    default: {
      const value = given ?? account?.phone ?? null;
      if (!value) throw badRequest('contact.value: give a phone number, or choose another way to be contacted.', { field: 'contact.value' });
      if (!PHONE.test(value)) throw badRequest(`contact.value: "${value}" is not a phone number.`, { field: 'contact.value' });
      return value;
    }
  }
}

function validateLanguages(languages: readonly string[]): string[] {
  const unique = [...new Set(languages)];
  for (const code of unique) {
    if (!LANGUAGE_CODES.includes(code)) throw badRequest(`languages: "${code}" is not a known language code.`, { field: 'languages', value: code });
  }
  return unique;
}

/** Anyone asks for help, signed in or not. The case is routed in the same transaction. */
export async function createHelpRequest(
  desk: HelpDesk,
  askerId: string | null,
  input: HelpRequestInput,
  now = new Date(),
): Promise<CreatedHelpRequest> {
  const question = input.question.trim();
  if (question === '') throw badRequest('question: write a few words about what you need.', { field: 'question' });
  const languages = validateLanguages(input.languages);
  const account = askerId
    ? ((await desk.db.select({ email: users.email, phone: users.phone, locale: users.locale }).from(users).where(eq(users.id, askerId)))[0] ?? null)
    : null;
  const contact = contactValue(input.contact, account);
  const locale = input.locale ?? (account?.locale as UiLocale | undefined) ?? 'en';

  return desk.db.transaction(async (tx) => {
    const id = crypto.randomUUID();
    const token = newSecret();
    let row: RequestRow | undefined;
    for (let attempt = 0; !row; attempt++) {
      if (attempt >= 5) throw new Error('Could not find a free tracking code.');
      [row] = await tx
        .insert(helpRequests)
        .values({
          id,
          trackingCode: newTrackingCode(),
          trackTokenHash: hashSecret(token),
          trackTokenEnc: desk.cipher.seal(token, sealContext.trackToken(id)),
          askerId,
          askerRole: input.askerRole,
          askerLocale: locale,
          topic: input.topic,
          urgency: input.urgency,
          languages,
          contactChannel: input.contact.channel,
          contactHours: input.contact.hours.trim(),
          noMessages: input.contact.noMessages,
          contactValueEnc: contact === null ? null : desk.cipher.seal(contact, sealContext.contact(id)),
          questionEnc: desk.cipher.seal(question, sealContext.question(id)),
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing({ target: helpRequests.trackingCode })
        .returning();
    }
    const routed = await routeCase(tx, desk, row, now, { candidates: await loadHelperCandidates(tx) });
    const askerEmailed = await tellAsker(tx, desk, row, 'help-request-received', `help-request-received:${id}`, { urgency: row.urgency });
    await audit(tx, askerId, 'help.request.create', id, {
      urgency: row.urgency,
      topic: row.topic,
      offeredTo: routed.offeredTo.map((offer) => offer.helperId),
      coordinatorsTold: routed.coordinatorsTold,
    });
    return { id, trackingCode: row.trackingCode, trackingToken: token, askerEmailed, ...routed };
  });
}

// ------------------------------------------------------------------ claiming and working a case

type Access = 'coordinator' | 'assigned' | 'offered' | 'none';

async function accessTo(q: Queryable, actor: Actor, row: RequestRow): Promise<Access> {
  if (isCoordinator(actor)) return 'coordinator';
  if (row.assignedTo === actor.id && ['claimed', 'referred', 'resolved', 'closed'].includes(row.state)) return 'assigned';
  const [offer] = await q
    .select({ state: helpOffers.state })
    .from(helpOffers)
    .where(and(eq(helpOffers.requestId, row.id), eq(helpOffers.helperId, actor.id), eq(helpOffers.state, 'open')));
  return offer ? 'offered' : 'none';
}

/** Someone the case concerns (offered, assigned, coordinator): they may learn its state. Else 403. */
async function requireInvolved(q: Queryable, actor: Actor, row: RequestRow): Promise<Exclude<Access, 'none'>> {
  const access = await accessTo(q, actor, row);
  if (access === 'none') throw forbidden('Only the helper working on this case and coordinators can do this.');
  return access;
}

/** Only the helper working the case and coordinators. */
function requireWorker(access: Exclude<Access, 'none'>): void {
  if (access === 'offered') throw forbidden('Claim the case before working on it.');
}

async function requireCaseWorker(q: Queryable, actor: Actor, row: RequestRow): Promise<void> {
  requireWorker(await requireInvolved(q, actor, row));
}

async function wasOffered(q: Queryable, requestId: string, helperId: string): Promise<boolean> {
  const [offer] = await q
    .select({ state: helpOffers.state })
    .from(helpOffers)
    .where(and(eq(helpOffers.requestId, requestId), eq(helpOffers.helperId, helperId)))
    .limit(1);
  return offer !== undefined;
}

export interface ClaimedHelpRequest {
  id: string;
  state: 'claimed';
  claimedAt: Date;
  /** The escalation job that no longer needs to run. */
  cancelledEscalationAt: Date | null;
}

/**
 * A helper the case was offered to (or a coordinator) takes it. The row lock makes concurrent
 * claims queue: exactly one wins, the others find the case claimed (409).
 */
export async function claimHelpRequest(desk: HelpDesk, actor: Actor, id: string, now = new Date()): Promise<ClaimedHelpRequest> {
  return desk.db.transaction(async (tx) => {
    const row = await lockRequest(tx, id);
    // Someone the case was never offered to learns nothing of it, not even its state; a helper
    // who lost the race to claim it finds it claimed (409).
    if (!isCoordinator(actor) && !(await wasOffered(tx, id, actor.id))) throw forbidden('This case was not offered to you.');
    requireState(row, ['new', 'offered'], 'claimed');
    const access = await accessTo(tx, actor, row);
    if (access !== 'coordinator' && access !== 'offered') throw forbidden('This case was not offered to you.');
    const others = (await openOfferHolders(tx, id)).filter((helperId) => helperId !== actor.id);
    await tx
      .update(helpRequests)
      .set({ state: 'claimed', assignedTo: actor.id, claimedAt: now, firstClaimedAt: row.firstClaimedAt ?? now, escalateAt: null, updatedAt: now })
      .where(and(eq(helpRequests.id, id), inArray(helpRequests.state, ['new', 'offered'])));
    // The others offered it lose it; coordinators who were told hear it is taken.
    await announceToHelpInbox(tx, { type: 'claimed', requestId: id, state: 'claimed', to: others, coordinators: row.escalationStep >= COORDINATOR_STEP });
    await tx
      .update(helpOffers)
      .set({ state: sql`case when ${helpOffers.helperId} = ${actor.id} then 'claimed' else 'closed' end`, closedAt: now })
      .where(and(eq(helpOffers.requestId, id), eq(helpOffers.state, 'open')));
    await audit(tx, actor.id, 'help.request.claim', id, { access });
    return { id, state: 'claimed' as const, claimedAt: now, cancelledEscalationAt: row.escalateAt };
  });
}

export async function addHelpNote(desk: HelpDesk, actor: Actor, id: string, body: string, now = new Date()): Promise<{ id: string; createdAt: Date }> {
  const text = body.trim();
  if (text === '') throw badRequest('body: a note cannot be empty.', { field: 'body' });
  return desk.db.transaction(async (tx) => {
    const row = await lockRequest(tx, id);
    await requireCaseWorker(tx, actor, row);
    requireNotAnonymised(row);
    const noteId = crypto.randomUUID();
    await tx.insert(helpNotes).values({
      id: noteId,
      requestId: id,
      authorId: actor.id,
      kind: 'note',
      bodyEnc: desk.cipher.seal(text, sealContext.note(id, noteId)),
      createdAt: now,
    });
    await tx.update(helpRequests).set({ updatedAt: now }).where(eq(helpRequests.id, id));
    await audit(tx, actor.id, 'help.note.add', id, { noteId });
    return { id: noteId, createdAt: now };
  });
}

async function insertMessage(tx: Tx, desk: HelpDesk, row: RequestRow, sender: 'asker' | 'helper', authorId: string | null, text: string, now: Date) {
  const messageId = crypto.randomUUID();
  await tx.insert(helpMessages).values({
    id: messageId,
    requestId: row.id,
    sender,
    authorId,
    bodyEnc: desk.cipher.seal(text, sealContext.message(row.id, messageId)),
    createdAt: now,
  });
  await tx
    .update(helpRequests)
    .set(sender === 'asker' ? { lastAskerMessageAt: now, updatedAt: now } : { lastHelperMessageAt: now, updatedAt: now })
    .where(eq(helpRequests.id, row.id));
  return messageId;
}

export interface SentMessage {
  id: string;
  createdAt: Date;
  /** True when the asker is told by email (they chose email and allowed messages). */
  emailed: boolean;
}

/** The helper writes to the asker: emailed (without its text) when they left an email, else read by the tracking link. */
export async function sendHelpMessage(desk: HelpDesk, actor: Actor, id: string, body: string, now = new Date()): Promise<SentMessage> {
  const text = body.trim();
  if (text === '') throw badRequest('body: a message cannot be empty.', { field: 'body' });
  return desk.db.transaction(async (tx) => {
    const row = await lockRequest(tx, id);
    const access = await requireInvolved(tx, actor, row);
    requireState(row, ['claimed', 'referred', 'resolved'], 'answered');
    requireWorker(access);
    const messageId = await insertMessage(tx, desk, row, 'helper', actor.id, text, now);
    const emailed = await tellAsker(tx, desk, row, 'help-request-message', `help-request-message:${id}:${messageId}`);
    await audit(tx, actor.id, 'help.message.send', id, { messageId, emailed });
    return { id: messageId, createdAt: now, emailed };
  });
}

export async function referHelpRequest(
  desk: HelpDesk,
  actor: Actor,
  id: string,
  input: { serviceId: string; note?: string },
  now = new Date(),
): Promise<{ id: string; state: 'referred'; serviceId: string; emailed: boolean }> {
  return desk.db.transaction(async (tx) => {
    const row = await lockRequest(tx, id);
    const access = await requireInvolved(tx, actor, row);
    requireState(row, ['claimed'], 'referred');
    requireWorker(access);
    const [service] = await tx
      .select({ slug: helpServices.slug })
      .from(helpServices)
      .where(and(eq(helpServices.slug, input.serviceId), eq(helpServices.active, true)));
    if (!service) throw badRequest(`serviceId: "${input.serviceId}" is not a service in the directory.`, { field: 'serviceId' });
    await tx
      .update(helpRequests)
      .set({ state: 'referred', referredService: service.slug, referredAt: now, updatedAt: now })
      .where(eq(helpRequests.id, id));
    const note = input.note?.trim();
    let emailed = false;
    if (note) {
      const messageId = await insertMessage(tx, desk, row, 'helper', actor.id, note, now);
      emailed = await tellAsker(tx, desk, row, 'help-request-message', `help-request-message:${id}:${messageId}`);
    }
    await audit(tx, actor.id, 'help.request.refer', id, { serviceId: service.slug });
    return { id, state: 'referred' as const, serviceId: service.slug, emailed };
  });
}

export async function resolveHelpRequest(
  desk: HelpDesk,
  actor: Actor,
  id: string,
  input: { outcome: HelpOutcome; note?: string },
  now = new Date(),
): Promise<{ id: string; state: 'resolved'; outcome: HelpOutcome }> {
  return desk.db.transaction(async (tx) => {
    const row = await lockRequest(tx, id);
    const access = await requireInvolved(tx, actor, row);
    requireState(row, ['claimed', 'referred'], 'resolved');
    requireWorker(access);
    await tx
      .update(helpRequests)
      .set({ state: 'resolved', outcome: input.outcome, resolvedAt: now, updatedAt: now })
      .where(eq(helpRequests.id, id));
    const note = input.note?.trim();
    if (note) {
      const noteId = crypto.randomUUID();
      await tx.insert(helpNotes).values({
        id: noteId,
        requestId: id,
        authorId: actor.id,
        kind: 'note',
        bodyEnc: desk.cipher.seal(note, sealContext.note(id, noteId)),
        createdAt: now,
      });
    }
    await audit(tx, actor.id, 'help.request.resolve', id, { outcome: input.outcome });
    return { id, state: 'resolved' as const, outcome: input.outcome };
  });
}

/** Closes a resolved or referred case; the follow-up survey goes a week later. */
export async function closeHelpRequest(
  desk: HelpDesk,
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<{ id: string; state: 'closed'; followUpDueAt: Date }> {
  return desk.db.transaction(async (tx) => {
    const row = await lockRequest(tx, id);
    const access = await requireInvolved(tx, actor, row);
    requireState(row, ['resolved', 'referred'], 'closed');
    requireWorker(access);
    const followUpDueAt = new Date(now.getTime() + FOLLOW_UP_AFTER_MS);
    await tx
      .update(helpRequests)
      .set({ state: 'closed', outcome: row.outcome ?? 'referred-elsewhere', closedAt: now, followUpDueAt, updatedAt: now })
      .where(eq(helpRequests.id, id));
    await audit(tx, actor.id, 'help.request.close', id);
    return { id, state: 'closed' as const, followUpDueAt };
  });
}

/**
 * A helper (typically a community leader) hands a claimed case to an adviser: the named one,
 * or the best adviser routing finds. The note is private; the case is offered afresh and the
 * one handing it over no longer sees its notes.
 */
export async function handOverHelpRequest(
  desk: HelpDesk,
  actor: Actor,
  id: string,
  input: { adviserId?: string; note: string },
  now = new Date(),
): Promise<RoutingResult & { id: string }> {
  const note = input.note.trim();
  if (note === '') throw badRequest('note: say in a few words why you hand the case over.', { field: 'note' });
  return desk.db.transaction(async (tx) => {
    const row = await lockRequest(tx, id);
    const access = await requireInvolved(tx, actor, row);
    requireState(row, ['claimed'], 'handed over');
    requireWorker(access);
    const advisers = (await loadHelperCandidates(tx, { only: 'adviser' })).filter((adviser) => adviser.id !== actor.id);
    let chosen: HelperCandidate | undefined;
    if (input.adviserId) {
      chosen = advisers.find((adviser) => adviser.id === input.adviserId);
      if (!chosen) {
        throw ruleBroken('That person is not an adviser with a help profile, so the case cannot be handed to them.', undefined, 'NOT_AN_ADVISER');
      }
    }
    const noteId = crypto.randomUUID();
    await tx.insert(helpNotes).values({
      id: noteId,
      requestId: id,
      authorId: actor.id,
      kind: 'handover',
      bodyEnc: desk.cipher.seal(note, sealContext.note(id, noteId)),
      createdAt: now,
    });
    await tx
      .update(helpOffers)
      .set({ state: 'closed', closedAt: now })
      .where(and(eq(helpOffers.requestId, id), inArray(helpOffers.state, ['open', 'claimed'])));
    await tx.update(helpRequests).set({ claimedAt: null }).where(eq(helpRequests.id, id));
    const routed = await routeCase(tx, desk, row, now, {
      candidates: advisers,
      exclude: new Set(row.assignedTo ? [row.assignedTo] : []),
      chosen,
    });
    await audit(tx, actor.id, 'help.request.handover', id, { to: routed.offeredTo.map((offer) => offer.helperId), noteId });
    return { id, ...routed };
  });
}

export interface AssignedHelpRequest {
  id: string;
  state: 'offered';
  helperId: string;
  /** The explained score of the chosen helper, as routing would have given it. */
  score: number;
  parts: HelpScorePart[];
  /** The coordinators are told again if the helper has not claimed it by then. */
  claimBy: Date;
  /** The escalation job that no longer needs to run. */
  cancelledEscalationAt: Date | null;
}

/**
 * A coordinator gives an unclaimed case to a helper they chose (typically one that reached the
 * coordinators because nobody claimed it). It is offered to that helper alone, with a fresh claim
 * time, an email and a live-inbox event; the helper claims it as any offer. If they do not, the
 * coordinators are told again when the claim time is up. Offers made earlier stay open: whoever
 * claims first helps the asker soonest. Coordinators may pick a helper who is off duty (they may
 * know better), not one who is on leave or full.
 */
export async function assignHelpRequest(
  desk: HelpDesk,
  actor: Actor,
  id: string,
  helperId: string,
  now = new Date(),
): Promise<AssignedHelpRequest> {
  if (!isCoordinator(actor)) throw forbidden('Only coordinators assign cases.');
  return desk.db.transaction(async (tx) => {
    const row = await lockRequest(tx, id);
    requireState(row, ['new', 'offered'], 'assigned');
    const helper = (await loadHelperCandidates(tx)).find((candidate) => candidate.id === helperId);
    if (!helper) {
      throw ruleBroken('That person is not an adviser or community leader with a help profile.', { field: 'helperId' }, 'NOT_A_HELPER');
    }
    if (row.askerId === helper.id) throw ruleBroken('That helper is the person asking for help in this case.', { field: 'helperId' }, 'IS_ASKER');
    if (!helper.accepting) {
      throw ruleBroken(`${helper.displayName} is not taking cases now: choose someone else.`, { field: 'helperId' }, 'HELPER_NOT_ACCEPTING');
    }
    const holders = await openOfferHolders(tx, id);
    // An open offer of this case already counts in their load.
    if (!holders.includes(helper.id) && helper.load >= helper.capacity) {
      throw ruleBroken(
        `${helper.displayName} has no free place (${helper.load} of ${helper.capacity}): choose someone else.`,
        { field: 'helperId', load: helper.load, capacity: helper.capacity },
        'HELPER_FULL',
      );
    }
    const scored = scoreHelper(caseOf(row), helper, now);
    const claimBy = new Date(now.getTime() + desk.claimTimesMs[row.urgency as HelpUrgency]);
    await offerTo(tx, row, [{ helperId: helper.id, score: scored.score, parts: scored.parts }], COORDINATOR_STEP, now);
    await tx
      .update(helpRequests)
      .set({ state: 'offered', escalationStep: COORDINATOR_STEP, escalateAt: claimBy, updatedAt: now })
      .where(eq(helpRequests.id, id));
    const [person] = await people(tx, [helper.id]);
    if (person) {
      await tell(
        tx,
        person,
        'help-request-offered',
        { ...caseFacts(row), claimBy: claimBy.toISOString() },
        `help-request-offered:${id}:${helper.id}:${now.getTime()}`,
      );
    }
    await announceToHelpInbox(tx, { type: 'offered', requestId: id, state: 'offered', to: [helper.id], coordinators: false });
    await audit(tx, actor.id, 'help.request.assign', id, { helperId: helper.id, score: scored.score });
    return {
      id,
      state: 'offered' as const,
      helperId: helper.id,
      score: scored.score,
      parts: scored.parts,
      claimBy,
      cancelledEscalationAt: row.escalateAt,
    };
  });
}

// ------------------------------------------------------------------ reading a case

export interface CaseNote {
  id: string;
  kind: 'note' | 'handover';
  author: { id: string; displayName: string } | null;
  body: string;
  createdAt: Date;
}

export interface CaseMessage {
  id: string;
  from: 'asker' | 'helper';
  author: { id: string; displayName: string } | null;
  body: string;
  createdAt: Date;
}

export interface CaseOffer {
  helperId: string;
  displayName: string;
  step: number;
  score: number;
  parts: HelpScorePart[];
  state: string;
  offeredAt: Date;
}

export interface HelpCaseSummary {
  id: string;
  trackingCode: string;
  topic: HelpTopic;
  urgency: HelpUrgency;
  askerRole: HelpAskerRole;
  languages: string[];
  state: HelpRequestState;
  /** How I relate to the case. */
  access: Exclude<Access, 'none'>;
  assignee: { id: string; displayName: string } | null;
  escalationStep: number;
  /** When the case escalates unless someone claims it. */
  claimBy: Date | null;
  /** My own open offer's explained score, when the case was offered to me. */
  myOffer: { score: number; parts: HelpScorePart[] } | null;
  /** The asker wrote after the helper last did. */
  awaitingReply: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface HelpCaseView extends HelpCaseSummary {
  question: string | null;
  contact: { channel: HelpContactChannel; hours: string; noMessages: boolean; value: string | null };
  askerHasAccount: boolean;
  offers: CaseOffer[];
  referral: { serviceId: string; name: string; at: Date | null } | null;
  outcome: HelpOutcome | null;
  claimedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  followUpSentAt: Date | null;
  feedback: { rating: number; comment: string | null } | null;
  anonymisedAt: Date | null;
  /** Only for the helper working the case and coordinators (null otherwise); each read is audited. */
  notes: CaseNote[] | null;
  messages: CaseMessage[] | null;
}

async function displayNames(q: Queryable, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await q.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((row) => [row.id, row.displayName]));
}

const awaitingReply = (row: RequestRow) =>
  row.lastAskerMessageAt !== null && (row.lastHelperMessageAt === null || row.lastAskerMessageAt > row.lastHelperMessageAt);

function summarise(row: RequestRow, access: Exclude<Access, 'none'>, names: Map<string, string>, myOffer: HelpCaseSummary['myOffer']): HelpCaseSummary {
  return {
    id: row.id,
    trackingCode: row.trackingCode,
    topic: row.topic as HelpTopic,
    urgency: row.urgency as HelpUrgency,
    askerRole: row.askerRole as HelpAskerRole,
    languages: row.languages,
    state: row.state as HelpRequestState,
    access,
    assignee: row.assignedTo ? { id: row.assignedTo, displayName: names.get(row.assignedTo) ?? 'Former helper' } : null,
    escalationStep: row.escalationStep,
    claimBy: row.escalateAt,
    myOffer,
    awaitingReply: awaitingReply(row),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** One case, as much of it as the reader may see. Reading notes and messages is audited. */
export async function getHelpCase(desk: HelpDesk, actor: Actor, id: string): Promise<HelpCaseView> {
  const { db, cipher } = desk;
  const [row] = await db.select().from(helpRequests).where(eq(helpRequests.id, id));
  if (!row) throw notFound('That help request');
  const access = await accessTo(db, actor, row);
  if (access === 'none') throw forbidden('Only the helpers this case was offered to, the one working on it and coordinators can open it.');
  const full = access !== 'offered';

  const offerRows = await db
    .select()
    .from(helpOffers)
    .where(full ? eq(helpOffers.requestId, id) : and(eq(helpOffers.requestId, id), eq(helpOffers.helperId, actor.id)))
    .orderBy(asc(helpOffers.offeredAt));
  const noteRows = full ? await db.select().from(helpNotes).where(eq(helpNotes.requestId, id)).orderBy(asc(helpNotes.createdAt)) : [];
  const messageRows = full ? await db.select().from(helpMessages).where(eq(helpMessages.requestId, id)).orderBy(asc(helpMessages.createdAt)) : [];
  const names = await displayNames(db, [
    row.assignedTo,
    ...offerRows.map((offer) => offer.helperId),
    ...noteRows.map((note) => note.authorId),
    ...messageRows.map((message) => message.authorId),
  ]);
  const person = (personId: string | null) => (personId ? { id: personId, displayName: names.get(personId) ?? 'Former helper' } : null);
  const mine = offerRows.find((offer) => offer.helperId === actor.id && offer.state === 'open');
  const [service] = row.referredService
    ? await db.select({ slug: helpServices.slug, name: helpServices.name }).from(helpServices).where(eq(helpServices.slug, row.referredService))
    : [];

  const view: HelpCaseView = {
    ...summarise(row, access, names, mine ? { score: mine.score, parts: mine.parts as HelpScorePart[] } : null),
    question: cipher.openOrNull(row.questionEnc, sealContext.question(id)),
    contact: {
      channel: row.contactChannel as HelpContactChannel,
      hours: row.contactHours,
      noMessages: row.noMessages,
      value: full ? cipher.openOrNull(row.contactValueEnc, sealContext.contact(id)) : null,
    },
    askerHasAccount: row.askerId !== null,
    offers: offerRows.map((offer) => ({
      helperId: offer.helperId,
      displayName: names.get(offer.helperId) ?? 'Former helper',
      step: offer.step,
      score: offer.score,
      parts: offer.parts as HelpScorePart[],
      state: offer.state,
      offeredAt: offer.offeredAt,
    })),
    referral: service ? { serviceId: service.slug, name: service.name, at: row.referredAt } : null,
    outcome: row.outcome as HelpOutcome | null,
    claimedAt: row.claimedAt,
    resolvedAt: row.resolvedAt,
    closedAt: row.closedAt,
    followUpSentAt: row.followUpSentAt,
    feedback:
      full && row.feedbackRating !== null
        ? { rating: row.feedbackRating, comment: cipher.openOrNull(row.feedbackCommentEnc, sealContext.feedback(id)) }
        : null,
    anonymisedAt: row.anonymisedAt,
    notes: full
      ? noteRows.map((note) => ({
          id: note.id,
          kind: note.kind as CaseNote['kind'],
          author: person(note.authorId),
          body: cipher.open(note.bodyEnc, sealContext.note(id, note.id)),
          createdAt: note.createdAt,
        }))
      : null,
    messages: full
      ? messageRows.map((message) => ({
          id: message.id,
          from: message.sender as CaseMessage['from'],
          author: message.sender === 'helper' ? person(message.authorId) : null,
          body: cipher.open(message.bodyEnc, sealContext.message(id, message.id)),
          createdAt: message.createdAt,
        }))
      : null,
  };
  const reads: { action: string; details: Record<string, unknown> }[] = [{ action: 'help.question.read', details: { access } }];
  if (full) {
    reads.push({ action: 'help.notes.read', details: { access, count: noteRows.length } });
    reads.push({ action: 'help.messages.read', details: { access, count: messageRows.length } });
  }
  await db.insert(auditLog).values(reads.map((read) => ({ actorId: actor.id, action: read.action, subjectType: 'help_request', subjectId: id, details: read.details })));
  return view;
}

export interface InboxFilter {
  states?: HelpRequestState[];
  urgencies?: HelpUrgency[];
  topics?: HelpTopic[];
  /** Coordinators see every case unless they ask for their own. */
  scope?: 'mine' | 'all';
  trackingCode?: string;
  assigneeId?: string;
  limit: number;
  offset: number;
}

const URGENCY_ORDER = sql`case ${helpRequests.urgency} when 'emergency' then 0 when 'urgent' then 1 else 2 end`;

/** The helper's inbox: cases offered to me and cases I work on. Coordinators: every case, with filters. */
export async function listHelpInbox(desk: HelpDesk, actor: Actor, filter: InboxFilter): Promise<HelpCaseSummary[]> {
  const { db } = desk;
  const everything = isCoordinator(actor) && filter.scope !== 'mine';
  const offeredToMe = sql`exists (select 1 from ${helpOffers} where ${helpOffers.requestId} = ${helpRequests.id} and ${helpOffers.helperId} = ${actor.id} and ${helpOffers.state} = 'open')`;
  const conditions: SQL[] = [];
  if (!everything) {
    const assigned = and(eq(helpRequests.assignedTo, actor.id), inArray(helpRequests.state, ['claimed', 'referred', 'resolved', 'closed']))!;
    conditions.push(or(offeredToMe, assigned)!);
    if (!filter.states?.length) conditions.push(inArray(helpRequests.state, ['new', 'offered', 'claimed', 'referred', 'resolved']));
  }
  if (filter.states?.length) conditions.push(inArray(helpRequests.state, filter.states));
  if (filter.urgencies?.length) conditions.push(inArray(helpRequests.urgency, filter.urgencies));
  if (filter.topics?.length) conditions.push(inArray(helpRequests.topic, filter.topics));
  if (filter.trackingCode) conditions.push(eq(helpRequests.trackingCode, filter.trackingCode.trim().toUpperCase()));
  if (filter.assigneeId) conditions.push(eq(helpRequests.assignedTo, filter.assigneeId));
  const rows = await db
    .select()
    .from(helpRequests)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(URGENCY_ORDER, desc(helpRequests.createdAt), desc(helpRequests.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const ids = rows.map((row) => row.id);
  const myOffers =
    ids.length === 0
      ? []
      : await db
          .select({ requestId: helpOffers.requestId, score: helpOffers.score, parts: helpOffers.parts })
          .from(helpOffers)
          .where(and(inArray(helpOffers.requestId, ids), eq(helpOffers.helperId, actor.id), eq(helpOffers.state, 'open')));
  const offerByRequest = new Map(myOffers.map((offer) => [offer.requestId, { score: offer.score, parts: offer.parts as HelpScorePart[] }]));
  const names = await displayNames(
    db,
    rows.map((row) => row.assignedTo),
  );
  return rows.map((row) => {
    const myOffer = offerByRequest.get(row.id) ?? null;
    const access: Exclude<Access, 'none'> = isCoordinator(actor) ? 'coordinator' : row.assignedTo === actor.id && !myOffer ? 'assigned' : 'offered';
    return summarise(row, access, names, myOffer);
  });
}

// ------------------------------------------------------------------ the asker's tracking link

export interface TrackedRequest {
  trackingCode: string;
  topic: HelpTopic;
  urgency: HelpUrgency;
  state: HelpRequestState;
  question: string;
  contact: { channel: HelpContactChannel; hours: string; noMessages: boolean };
  /** Who is helping: first contact only, never their email or phone. */
  helper: { displayName: string; organisation: string | null } | null;
  referral: { serviceId: string } | null;
  outcome: HelpOutcome | null;
  messages: { id: string; from: 'asker' | 'helper'; body: string; createdAt: Date }[];
  canReply: boolean;
  canGiveFeedback: boolean;
  createdAt: Date;
  updatedAt: Date;
}

async function requestByToken(q: Queryable, token: string, lock: boolean): Promise<RequestRow> {
  const query = q.select().from(helpRequests).where(eq(helpRequests.trackTokenHash, hashSecret(token)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('That help request');
  return row;
}

/** What the asker sees through their secret link; the read of the messages is audited. */
export async function trackHelpRequest(desk: HelpDesk, token: string): Promise<TrackedRequest> {
  const { db, cipher } = desk;
  const row = await requestByToken(db, token, false);
  const messages = await db.select().from(helpMessages).where(eq(helpMessages.requestId, row.id)).orderBy(asc(helpMessages.createdAt));
  let helper: TrackedRequest['helper'] = null;
  if (row.assignedTo && ['claimed', 'referred', 'resolved', 'closed'].includes(row.state)) {
    const [person] = await db
      .select({ displayName: users.displayName, organisation: sql<string | null>`(select organisation from help_profiles where user_id = ${users.id})` })
      .from(users)
      .where(eq(users.id, row.assignedTo));
    // First name only: enough to know who is helping, little for anyone else reading over a shoulder.
    if (person) helper = { displayName: person.displayName.split(/\s+/)[0] ?? person.displayName, organisation: person.organisation };
  }
  await audit(db, null, 'help.messages.read', row.id, { via: 'tracking-link', count: messages.length });
  return {
    trackingCode: row.trackingCode,
    topic: row.topic as HelpTopic,
    urgency: row.urgency as HelpUrgency,
    state: row.state as HelpRequestState,
    question: cipher.open(row.questionEnc!, sealContext.question(row.id)),
    contact: { channel: row.contactChannel as HelpContactChannel, hours: row.contactHours, noMessages: row.noMessages },
    helper,
    referral: row.referredService ? { serviceId: row.referredService } : null,
    outcome: row.outcome as HelpOutcome | null,
    messages: messages.map((message) => ({
      id: message.id,
      from: message.sender as 'asker' | 'helper',
      body: cipher.open(message.bodyEnc, sealContext.message(row.id, message.id)),
      createdAt: message.createdAt,
    })),
    canReply: row.state !== 'closed',
    canGiveFeedback: row.state === 'closed' && row.feedbackRating === null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The asker writes back through the tracking link (before or after a helper claimed the case). */
export async function replyThroughTrackingLink(desk: HelpDesk, token: string, body: string, now = new Date()): Promise<{ id: string; createdAt: Date }> {
  const text = body.trim();
  if (text === '') throw badRequest('body: a message cannot be empty.', { field: 'body' });
  return desk.db.transaction(async (tx) => {
    const row = await requestByToken(tx, token, true);
    if (row.state === 'closed') illegal(row, 'answered any more: ask for help again if you need to');
    const messageId = await insertMessage(tx, desk, row, 'asker', null, text, now);
    const working = row.assignedTo !== null && ['claimed', 'referred', 'resolved'].includes(row.state);
    await announceToHelpInbox(tx, {
      type: 'message',
      requestId: row.id,
      state: row.state as HelpRequestState,
      to: working ? [row.assignedTo!] : await openOfferHolders(tx, row.id),
      coordinators: false,
    });
    await audit(tx, null, 'help.message.reply', row.id, { messageId, via: 'tracking-link' });
    return { id: messageId, createdAt: now };
  });
}

/** The follow-up survey's answer, once per closed case. */
export async function giveHelpFeedback(
  desk: HelpDesk,
  token: string,
  input: { rating: number; comment?: string },
  now = new Date(),
): Promise<void> {
  await desk.db.transaction(async (tx) => {
    const row = await requestByToken(tx, token, true);
    if (row.state !== 'closed') illegal(row, 'rated yet: feedback opens when the case is closed');
    if (row.feedbackRating !== null) throw conflict('You already gave feedback on this request. Thank you!', { state: row.state }, 'ALREADY_RATED');
    const comment = input.comment?.trim();
    await tx
      .update(helpRequests)
      .set({
        feedbackRating: input.rating,
        feedbackCommentEnc: comment ? desk.cipher.seal(comment, sealContext.feedback(row.id)) : null,
        updatedAt: now,
      })
      .where(eq(helpRequests.id, row.id));
    await audit(tx, null, 'help.request.feedback', row.id, { rating: input.rating });
  });
}

// ------------------------------------------------------------------ after closing

/** Sends the follow-up survey a week after closing; safe to run twice. False when nothing was due. */
export async function sendHelpFollowUp(desk: HelpDesk, id: string, now = new Date()): Promise<boolean> {
  return desk.db.transaction(async (tx) => {
    const [row] = await tx.select().from(helpRequests).where(eq(helpRequests.id, id)).for('update');
    if (!row || row.state !== 'closed' || row.followUpSentAt || row.anonymisedAt || !row.followUpDueAt || row.followUpDueAt > now) return false;
    const emailed = await tellAsker(tx, desk, row, 'help-follow-up-survey', `help-follow-up-survey:${id}`);
    // Marked done either way: with no email to write to, the survey waits on the tracking page.
    await tx.update(helpRequests).set({ followUpSentAt: now }).where(eq(helpRequests.id, id));
    return emailed;
  });
}

export async function dueHelpFollowUps(db: Db, now = new Date(), limit = 200): Promise<string[]> {
  const rows = await db
    .select({ id: helpRequests.id })
    .from(helpRequests)
    .where(
      and(
        eq(helpRequests.state, 'closed'),
        isNull(helpRequests.followUpSentAt),
        isNull(helpRequests.anonymisedAt),
        lte(helpRequests.followUpDueAt, now),
      ),
    )
    .limit(limit);
  return rows.map((row) => row.id);
}

/**
 * Anonymises cases closed longer than the retention period: deletes notes and messages, clears
 * the question, contact, tracking secret, feedback comment and the link to the asker's account,
 * and scrubs the case's sent emails from the outbox. Topic, urgency, languages, states and times
 * stay for the figures. Returns how many cases were anonymised.
 */
export async function anonymiseClosedHelpRequests(
  db: Db,
  options: { now?: Date; retentionDays?: number; limit?: number } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - (options.retentionDays ?? HELP_RETENTION_DAYS) * DAY);
  const due = await db
    .select({ id: helpRequests.id })
    .from(helpRequests)
    .where(and(eq(helpRequests.state, 'closed'), isNull(helpRequests.anonymisedAt), lte(helpRequests.closedAt, cutoff)))
    .limit(options.limit ?? 500);
  const ids = due.map((row) => row.id);
  if (ids.length === 0) return 0;
  await db.transaction(async (tx) => {
    await tx.delete(helpNotes).where(inArray(helpNotes.requestId, ids));
    await tx.delete(helpMessages).where(inArray(helpMessages.requestId, ids));
    await tx
      .update(helpRequests)
      .set({
        questionEnc: null,
        contactValueEnc: null,
        contactHours: '',
        trackTokenHash: null,
        trackTokenEnc: null,
        askerId: null,
        feedbackCommentEnc: null,
        anonymisedAt: now,
        updatedAt: now,
      })
      .where(inArray(helpRequests.id, ids));
    // Every help-desk email's dedupe key is "<kind>:<case id>:…": the address and the link go too.
    await tx
      .update(notificationOutbox)
      .set({ toEmail: 'anonymised@invalid', payload: {} })
      .where(
        and(
          sql`${notificationOutbox.kind} like 'help-%'`,
          inArray(sql`split_part(${notificationOutbox.dedupeKey}, ':', 2)`, ids),
        ),
      );
    await tx.insert(auditLog).values(ids.map((id) => ({ actorId: null, action: 'help.request.anonymise', subjectType: 'help_request', subjectId: id })));
  });
  return ids.length;
}

// ------------------------------------------------------------------ a person's own data

/**
 * What the help desk holds about a person, for their data export: the requests they asked
 * (as their tracking page shows them) and, for helpers, their help profile. Private notes are
 * the helpers' working record and are not part of it.
 */
export async function exportHelpDeskData(desk: HelpDesk, userId: string): Promise<Record<string, unknown>> {
  const { db, cipher } = desk;
  const asked = await db.select().from(helpRequests).where(eq(helpRequests.askerId, userId)).orderBy(asc(helpRequests.createdAt));
  const messages =
    asked.length === 0
      ? []
      : await db
          .select()
          .from(helpMessages)
          .where(inArray(helpMessages.requestId, asked.map((row) => row.id)))
          .orderBy(asc(helpMessages.createdAt));
  const [profile] = await db.select().from(helpProfiles).where(eq(helpProfiles.userId, userId));
  return {
    helpRequests: asked.map((row) => ({
      trackingCode: row.trackingCode,
      topic: row.topic,
      urgency: row.urgency,
      askerRole: row.askerRole,
      languages: row.languages,
      state: row.state,
      contact: { channel: row.contactChannel, hours: row.contactHours, noMessages: row.noMessages, value: cipher.openOrNull(row.contactValueEnc, sealContext.contact(row.id)) },
      question: cipher.openOrNull(row.questionEnc, sealContext.question(row.id)),
      outcome: row.outcome,
      messages: messages
        .filter((message) => message.requestId === row.id)
        .map((message) => ({ from: message.sender, body: cipher.open(message.bodyEnc, sealContext.message(row.id, message.id)), createdAt: message.createdAt })),
      createdAt: row.createdAt,
      closedAt: row.closedAt,
    })),
    helpProfile: profile ?? null,
  };
}

/**
 * For account deletion, in its transaction: the person's requests stay (someone may still need
 * the help, through the tracking link) but no longer point at the account; a helper leaves
 * routing, their open offers close, and cases they were working on go back to the coordinators.
 */
export async function forgetHelpDeskAccount(tx: Tx, desk: HelpDesk, userId: string, now = new Date()): Promise<void> {
  await tx.update(helpRequests).set({ askerId: null, updatedAt: now }).where(eq(helpRequests.askerId, userId));
  await tx.delete(helpProfiles).where(eq(helpProfiles.userId, userId));
  await tx.update(helpOffers).set({ state: 'closed', closedAt: now }).where(and(eq(helpOffers.helperId, userId), eq(helpOffers.state, 'open')));
  const working = await tx
    .select()
    .from(helpRequests)
    .where(and(eq(helpRequests.assignedTo, userId), inArray(helpRequests.state, ['claimed', 'referred'])))
    .for('update');
  for (const row of working) {
    await tx.update(helpRequests).set({ state: 'new', assignedTo: null, claimedAt: null }).where(eq(helpRequests.id, row.id));
    await escalateToCoordinators(tx, desk, { ...row, state: 'new' }, 'no-helper-available', now);
    await audit(tx, userId, 'help.request.release', row.id, { reason: 'account-deleted' });
  }
}
