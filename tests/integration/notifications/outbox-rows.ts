// Reading and waiting on outbox rows in the notification tests.
import { eq } from 'drizzle-orm';
import { notificationOutbox } from '../../../drizzle/schema.ts';
import type { Db } from '../../../server/db/client.ts';

export type OutboxRow = typeof notificationOutbox.$inferSelect;

export async function outboxRow(db: Db, id: string): Promise<OutboxRow> {
  const [row] = await db.select().from(notificationOutbox).where(eq(notificationOutbox.id, id));
  if (!row) throw new Error(`no outbox row ${id}`);
  return row;
}

/** Polls the row until `done` holds, or fails with the row as it last was. */
export async function waitForRow(db: Db, id: string, done: (row: OutboxRow) => boolean, timeoutMs = 15_000): Promise<OutboxRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await outboxRow(db, id);
    if (done(row)) return row;
    if (Date.now() > deadline) throw new Error(`outbox row ${id} did not get there: ${JSON.stringify(row)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
