// Organisations run events. Anyone signed in may propose one (and becomes its owner and an
// organiser); it can publish nothing until an admin approves it. Owners manage members; an
// organisation always keeps at least one owner.
import crypto from 'node:crypto';
import { and, asc, count, eq, gt, or, sql } from 'drizzle-orm';
import { auditLog, organisationMembers, organisations, userRoles, users } from '../../drizzle/schema.ts';
import type { Db, Queryable, Tx } from '../db/client.ts';
import { badRequest, conflict, forbidden, notFound, ruleBroken } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';

export type OrganisationStatus = 'pending' | 'approved' | 'rejected';
export type MemberRole = 'owner' | 'editor';

const SLUG_MAX = 60;

/** "Café & Co. 香港" → "cafe-co"; empty when nothing Latin is left. */
export function slugify(text: string): string {
  const base = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (base.length <= SLUG_MAX) return base;
  const cut = base.slice(0, SLUG_MAX);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > 20 ? cut.slice(0, lastDash) : cut).replace(/-+$/, '');
}

/** Six lowercase letters and digits: short enough to read, enough to keep slugs apart. */
export function slugSuffix(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = crypto.randomBytes(6);
  return [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
}

export function validateWebsite(website: string | null | undefined, field = 'website'): string | null {
  const value = website?.trim();
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badRequest(`${field}: "${value}" is not a web address (start it with https://).`, { field });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw badRequest(`${field}: only http and https addresses are allowed.`, { field });
  }
  return url.toString();
}

// ---------------------------------------------------------------- membership checks

export interface Membership {
  organisationId: string;
  role: MemberRole;
  organisationStatus: OrganisationStatus;
}

export async function membershipOf(q: Queryable, organisationId: string, userId: string): Promise<Membership | null> {
  const [row] = await q
    .select({ role: organisationMembers.role, status: organisations.status })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)));
  if (!row) return null;
  return { organisationId, role: row.role as MemberRole, organisationStatus: row.status as OrganisationStatus };
}

/** The user's membership, or 403: only members change an organisation's events. */
export async function requireMember(q: Queryable, organisationId: string, userId: string): Promise<Membership> {
  const membership = await membershipOf(q, organisationId, userId);
  if (!membership) throw forbidden('Only members of the organisation can do this.');
  return membership;
}

async function requireOwner(q: Queryable, organisationId: string, userId: string): Promise<void> {
  const membership = await requireMember(q, organisationId, userId);
  if (membership.role !== 'owner') throw forbidden("Only the organisation's owners can manage its members.");
}

/** Members organise events: the role opens the organiser pages. Idempotent. */
async function grantOrganiserRole(tx: Tx, userId: string): Promise<void> {
  await tx.insert(userRoles).values({ userId, role: 'organiser' }).onConflictDoNothing();
}

// ---------------------------------------------------------------- proposing and reviewing

export interface OrganisationInput {
  name: string;
  description: string;
  website?: string | null;
}

export interface OrganisationSummary {
  id: string;
  slug: string;
  name: string;
  description: string;
  website: string | null;
  status: OrganisationStatus;
  createdAt: Date;
}

const summaryColumns = {
  id: organisations.id,
  slug: organisations.slug,
  name: organisations.name,
  description: organisations.description,
  website: organisations.website,
  status: organisations.status,
  createdAt: organisations.createdAt,
};

function toSummary(row: { status: string } & Omit<OrganisationSummary, 'status'>): OrganisationSummary {
  return { ...row, status: row.status as OrganisationStatus };
}

/** A signed-in user proposes an organisation: pending until an admin approves it; they own it. */
export async function proposeOrganisation(db: Db, userId: string, input: OrganisationInput): Promise<OrganisationSummary> {
  const name = input.name.trim();
  if (name.length < 2) throw badRequest('name: give the organisation a name of at least 2 characters.', { field: 'name' });
  const website = validateWebsite(input.website);
  const base = slugify(name) || 'organisation';
  return db.transaction(async (tx) => {
    // The plain name first (nicer links); a suffix only when it is taken.
    for (let attempt = 0; attempt < 6; attempt++) {
      const slug = attempt === 0 ? base : `${base}-${slugSuffix()}`;
      const [created] = await tx
        .insert(organisations)
        .values({ slug, name, description: input.description.trim(), website, createdBy: userId })
        .onConflictDoNothing({ target: organisations.slug })
        .returning(summaryColumns);
      if (!created) continue;
      await tx.insert(organisationMembers).values({ organisationId: created.id, userId, role: 'owner' });
      await grantOrganiserRole(tx, userId);
      return toSummary(created);
    }
    throw conflict('Could not find a free address for this organisation; try a slightly different name.');
  });
}

export interface OrganisationForReview extends OrganisationSummary {
  proposedBy: { id: string; displayName: string; email: string | null } | null;
}

export async function listOrganisationsForReview(
  db: Db,
  query: { status: OrganisationStatus; limit: number; cursor?: string },
): Promise<{ items: OrganisationForReview[]; nextCursor: string | null }> {
  const conditions = [eq(organisations.status, query.status)];
  if (query.cursor) {
    const [createdAt, id] = decodeCursor(query.cursor, ['date', 'uuid']) as [string, string];
    const after = new Date(createdAt);
    conditions.push(or(gt(organisations.createdAt, after), and(eq(organisations.createdAt, after), gt(organisations.id, id)))!);
  }
  const rows = await db
    .select({ ...summaryColumns, proposerId: users.id, proposerName: users.displayName, proposerEmail: users.email })
    .from(organisations)
    .leftJoin(users, eq(users.id, organisations.createdBy))
    .where(and(...conditions))
    // Oldest first: whoever has waited longest is reviewed first.
    .orderBy(asc(organisations.createdAt), asc(organisations.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ proposerId, proposerName, proposerEmail, ...row }) => ({
      ...toSummary(row),
      proposedBy: proposerId ? { id: proposerId, displayName: proposerName ?? '', email: proposerEmail } : null,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}

async function review(db: Db, adminId: string, id: string, to: 'approved' | 'rejected', reason: string | null) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select({ status: organisations.status }).from(organisations).where(eq(organisations.id, id)).for('update');
    if (!current) throw notFound('That organisation');
    if (current.status === to) throw conflict(`This organisation is already ${to}.`, { status: current.status }, 'ALREADY_IN_STATE');
    if (to === 'rejected' && current.status === 'approved') {
      throw conflict('An approved organisation cannot be rejected.', { status: current.status }, 'INVALID_TRANSITION');
    }
    const [updated] = await tx
      .update(organisations)
      .set({ status: to, reviewedAt: new Date() })
      .where(eq(organisations.id, id))
      .returning(summaryColumns);
    await tx.insert(auditLog).values({
      actorId: adminId,
      action: to === 'approved' ? 'organisation.approve' : 'organisation.reject',
      subjectType: 'organisation',
      subjectId: id,
      details: reason ? { from: current.status, reason } : { from: current.status },
    });
    return toSummary(updated!);
  });
}

export function approveOrganisation(db: Db, adminId: string, id: string): Promise<OrganisationSummary> {
  return review(db, adminId, id, 'approved', null);
}

export function rejectOrganisation(db: Db, adminId: string, id: string, reason: string | null): Promise<OrganisationSummary> {
  return review(db, adminId, id, 'rejected', reason?.trim() || null);
}

// ---------------------------------------------------------------- reading

export async function findOrganisationBySlug(q: Queryable, slug: string): Promise<OrganisationSummary | null> {
  const [row] = await q.select(summaryColumns).from(organisations).where(eq(organisations.slug, slug));
  return row ? toSummary(row) : null;
}

export interface MyOrganisation extends OrganisationSummary {
  myRole: MemberRole;
  memberCount: number;
}

export async function listMyOrganisations(q: Queryable, userId: string): Promise<MyOrganisation[]> {
  const memberCount = sql<number>`(select count(*)::int from ${organisationMembers} m where m.organisation_id = ${organisations.id})`;
  const rows = await q
    .select({ ...summaryColumns, myRole: organisationMembers.role, memberCount })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(eq(organisationMembers.userId, userId))
    .orderBy(asc(organisations.name), asc(organisations.id));
  return rows.map(({ myRole, memberCount: members, ...row }) => ({
    ...toSummary(row),
    myRole: myRole as MemberRole,
    memberCount: Number(members),
  }));
}

// ---------------------------------------------------------------- members

export interface Member {
  userId: string;
  displayName: string;
  email: string | null;
  role: MemberRole;
  addedAt: Date;
}

async function organisationExists(q: Queryable, id: string): Promise<void> {
  const [row] = await q.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id));
  if (!row) throw notFound('That organisation');
}

/** Members see each other (to work together); others get 403. */
export async function listMembers(q: Queryable, organisationId: string, viewerId: string): Promise<Member[]> {
  await organisationExists(q, organisationId);
  await requireMember(q, organisationId, viewerId);
  const rows = await q
    .select({
      userId: organisationMembers.userId,
      displayName: users.displayName,
      email: users.email,
      role: organisationMembers.role,
      addedAt: organisationMembers.addedAt,
    })
    .from(organisationMembers)
    .innerJoin(users, eq(users.id, organisationMembers.userId))
    .where(eq(organisationMembers.organisationId, organisationId))
    .orderBy(asc(organisationMembers.addedAt), asc(organisationMembers.userId));
  return rows.map((row) => ({ ...row, role: row.role as MemberRole }));
}

/** Serialises member changes of one organisation, so two removals can never leave it without an owner. */
async function lockOrganisation(tx: Tx, id: string): Promise<void> {
  const [row] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id)).for('update');
  if (!row) throw notFound('That organisation');
}

async function ownerCount(tx: Tx, organisationId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(organisationMembers)
    .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.role, 'owner')));
  return row?.n ?? 0;
}

/**
 * An owner adds someone (by their account's email or id) or changes a member's role. The last
 * owner cannot step down to editor.
 */
export async function addOrUpdateMember(
  db: Db,
  actorId: string,
  organisationId: string,
  input: { email?: string; userId?: string; role: MemberRole },
): Promise<{ member: Member; created: boolean }> {
  if (!input.email && !input.userId) throw badRequest('email: say who to add, by email or userId.', { field: 'email' });
  return db.transaction(async (tx) => {
    await lockOrganisation(tx, organisationId);
    await requireOwner(tx, organisationId, actorId);
    const [person] = await tx
      .select({ id: users.id, displayName: users.displayName, email: users.email })
      .from(users)
      .where(
        and(
          input.userId ? eq(users.id, input.userId) : eq(users.email, input.email!.trim().toLowerCase()),
          sql`${users.deletedAt} is null`,
        ),
      );
    if (!person) throw notFound('A Kaifong account with that email');

    const [existing] = await tx
      .select({ role: organisationMembers.role })
      .from(organisationMembers)
      .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, person.id)));
    if (existing?.role === 'owner' && input.role !== 'owner' && (await ownerCount(tx, organisationId)) <= 1) {
      throw ruleBroken('An organisation needs at least one owner: make someone else an owner first.', undefined, 'LAST_OWNER');
    }
    const [row] = await tx
      .insert(organisationMembers)
      .values({ organisationId, userId: person.id, role: input.role })
      .onConflictDoUpdate({ target: [organisationMembers.organisationId, organisationMembers.userId], set: { role: input.role } })
      .returning({ role: organisationMembers.role, addedAt: organisationMembers.addedAt });
    await grantOrganiserRole(tx, person.id);
    return {
      member: { userId: person.id, displayName: person.displayName, email: person.email, role: row!.role as MemberRole, addedAt: row!.addedAt },
      created: !existing,
    };
  });
}

/** An owner removes a member, or a member leaves; never the last owner. */
export async function removeMember(db: Db, actorId: string, organisationId: string, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await lockOrganisation(tx, organisationId);
    const actor = await requireMember(tx, organisationId, actorId);
    if (actorId !== userId && actor.role !== 'owner') throw forbidden("Only the organisation's owners can manage its members.");
    const [target] = await tx
      .select({ role: organisationMembers.role })
      .from(organisationMembers)
      .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)));
    if (!target) throw notFound('That member');
    if (target.role === 'owner' && (await ownerCount(tx, organisationId)) <= 1) {
      throw ruleBroken('An organisation needs at least one owner: make someone else an owner first.', undefined, 'LAST_OWNER');
    }
    await tx
      .delete(organisationMembers)
      .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)));
  });
}
