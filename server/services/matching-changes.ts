// Tells every process's matching index that a mentor changed, in the caller's transaction.
import { sql } from 'drizzle-orm';
import { matchingChanges } from '../../drizzle/schema.ts';
import type { Queryable } from '../db/client.ts';

export const MATCHING_CHANNEL = 'kaifong_matching';

export async function markMatchingChanged(q: Queryable, mentorId: string): Promise<void> {
  await q.insert(matchingChanges).values({ mentorId });
  // Delivered at commit, so listeners never see a change that was rolled back.
  await q.execute(sql`select pg_notify(${MATCHING_CHANNEL}, ${mentorId})`);
}
