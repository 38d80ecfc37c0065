// The Postgres driver must survive a backend that dies under a transaction. postgres.js 3.4.9
// throws an uncatchable TypeError from a deferred write once the socket is gone (porsager/postgres
// #1208), which killed the process in a Postgres restart; patches/postgres+3.4.9.patch guards it.
// The transaction's own ROLLBACK is the write that used to land on the dead socket.
import postgres from 'postgres';
import { afterAll, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../../support/postgres.ts';

const sql = postgres(TEST_DATABASE_URL, { max: 2, onnotice: () => {} });
const killer = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
afterAll(async () => {
  await sql.end({ timeout: 5 });
  await killer.end({ timeout: 5 });
});

it('rejects a transaction whose backend is terminated, and the pool goes on working', async () => {
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  process.on('uncaughtException', onUncaught);
  try {
    for (let round = 0; round < 5; round++) {
      let pid: number | null = null;
      const outcome = sql
        .begin(async (tx) => {
          const [row] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
          pid = row!.pid;
          await tx`select pg_sleep(5)`;
        })
        .then(
          () => 'committed',
          (error: Error) => error.message,
        );
      while (pid === null) await new Promise((resolve) => setTimeout(resolve, 20));
      await killer`select pg_terminate_backend(${pid})`;
      expect(await outcome).toMatch(/terminating connection|CONNECTION_CLOSED/);
      // Let any deferred write run before looking.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const [after] = await sql<{ ok: number }[]>`select 1 as ok`;
      expect(after!.ok).toBe(1);
    }
  } finally {
    process.off('uncaughtException', onUncaught);
  }
  expect(uncaught).toEqual([]);
});
