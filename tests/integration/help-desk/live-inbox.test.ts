// The helpers' live inbox over a real HTTP server: server-sent events read with a streaming
// fetch, announced by Postgres NOTIFY (also from another connection, as a worker process would),
// filtered per person, carrying ids and states only, and cleaned up when the client goes.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { helpRequests } from '../../../drizzle/schema.ts';
import { openDatabase, type Database } from '../../../server/db/client.ts';
import { createHelpDesk, escalateHelpRequest } from '../../../server/services/help-requests.ts';
import { createTestApp, type TestApp } from '../../support/runtime.ts';
import { makeMigrant, makeUser, type MadeUser } from '../../support/factories.ts';
import { ask, makeHelper, pauseAllHelpers, QUESTION, someAddress } from '../../support/help.ts';

let t: TestApp;
let base: string;
let admin: MadeUser;
/** A second connection pool to the same database: another process, as far as NOTIFY can tell. */
let otherProcess: Database;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  admin = await makeUser(db(), { roles: ['admin'], displayName: 'Coordinator Ho' });
  otherProcess = await openDatabase({ databaseUrl: t.testDb.url, dataDir: '', poolSize: 2 });
});
afterAll(async () => {
  await otherProcess?.close();
  await t?.close();
});

const db = () => t.runtime.database.db;

interface InboxEvent {
  type: string;
  requestId?: string;
  state?: string;
}

interface Stream {
  status: number;
  contentType: string | null;
  events: InboxEvent[];
  /** Raw frames, heartbeats and retry lines included. */
  frames: string[];
  /** The server ended the response. */
  readonly ended: boolean;
  next(match: (event: InboxEvent) => boolean, timeoutMs?: number): Promise<InboxEvent>;
  close(): void;
}

async function openStream(user?: MadeUser): Promise<Stream> {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/help-requests/stream`, {
    headers: { accept: 'text/event-stream', ...(user ? { cookie: user.cookie } : {}) },
    signal: controller.signal,
  });
  const events: InboxEvent[] = [];
  const frames: string[] = [];
  let ended = false;
  if (response.ok && response.body) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) {
            ended = true;
            return;
          }
          buffer += value;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            frames.push(frame);
            const data = frame
              .split('\n')
              .filter((line) => line.startsWith('data: '))
              .map((line) => line.slice(6))
              .join('\n');
            if (data) events.push(JSON.parse(data) as InboxEvent);
          }
        }
      } catch {
        // aborted
      }
    })();
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    events,
    frames,
    get ended() {
      return ended;
    },
    async next(match, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching event; got ${JSON.stringify(events)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => controller.abort(),
  };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const about = (requestId: string) => (event: InboxEvent) => event.requestId === requestId;

describe('the live inbox', () => {
  it('tells each helper about their own cases only: offered, escalated, claimed by someone else, a message from the asker', async () => {
    await pauseAllHelpers(db());
    const first = await makeHelper(db(), { displayName: 'Joanna', languages: [['tl', 'native']] });
    const second = await makeHelper(db(), { displayName: 'Ria', languages: [['tl', 'fluent']] });
    const bystander = await makeHelper(db(), { displayName: 'Not involved', accepting: false });

    const streams = {
      first: await openStream(first),
      second: await openStream(second),
      bystander: await openStream(bystander),
      admin: await openStream(admin),
    };
    for (const stream of Object.values(streams)) {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toBe('text/event-stream; charset=utf-8');
      await stream.next((event) => event.type === 'ready');
    }
    expect(t.app.helpInbox.size).toBe(4);
    expect(streams.first.frames[0]).toBe('retry: 5000');

    // Offered to the best helper.
    const asked = await ask(t.app);
    expect(await streams.first.next(about(asked.id))).toEqual({ type: 'offered', requestId: asked.id, state: 'offered' });

    // Escalated onwards by another process (a worker): the second helper is offered it, the first hears it moved on.
    const [row] = await db().select().from(helpRequests).where(eq(helpRequests.id, asked.id));
    const workerDesk = createHelpDesk(otherProcess.db, t.runtime.config);
    const onwards = await escalateHelpRequest(workerDesk, asked.id, new Date(row!.escalateAt!.getTime() + 1000));
    expect(onwards?.offeredTo.map((offer) => offer.helperId)).toEqual([second.id]);
    expect(await streams.second.next(about(asked.id))).toEqual({ type: 'offered', requestId: asked.id, state: 'offered' });
    expect(await streams.first.next((event) => event.requestId === asked.id && event.type === 'escalated')).toEqual({
      type: 'escalated',
      requestId: asked.id,
      state: 'offered',
    });

    // The second claims it: the first loses it.
    expect((await t.app.inject({ method: 'POST', url: `/api/help-requests/${asked.id}/claim`, headers: { cookie: second.cookie } })).statusCode).toBe(200);
    expect(await streams.first.next((event) => event.requestId === asked.id && event.type === 'claimed')).toEqual({
      type: 'claimed',
      requestId: asked.id,
      state: 'claimed',
    });

    // The asker writes back: the helper working the case hears it.
    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/help/track/${asked.trackingToken}`,
      payload: { body: 'She took my phone too. Please call after 9pm.' },
      remoteAddress: someAddress(),
    });
    expect(reply.statusCode).toBe(201);
    expect(await streams.second.next((event) => event.type === 'message')).toEqual({ type: 'message', requestId: asked.id, state: 'claimed' });

    // Nobody free for an emergency: every coordinator hears it at once.
    await pauseAllHelpers(db());
    const unrouted = await ask(t.app, { urgency: 'emergency' });
    expect(await streams.admin.next(about(unrouted.id))).toEqual({ type: 'escalated', requestId: unrouted.id, state: 'new' });

    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(streams.first.events.map((event) => event.type)).toEqual(['ready', 'offered', 'escalated', 'claimed']);
    expect(streams.second.events.map((event) => event.type)).toEqual(['ready', 'offered', 'message']);
    expect(streams.admin.events.map((event) => event.type)).toEqual(['ready', 'escalated']);
    expect(streams.bystander.events).toEqual([{ type: 'ready' }]);
    // Ids and states only: never what anyone wrote.
    for (const stream of Object.values(streams)) {
      const text = stream.frames.join('\n');
      expect(text).not.toContain('passport');
      expect(text).not.toContain(QUESTION.slice(0, 20));
      expect(text).not.toContain('call after 9pm');
      for (const event of stream.events) expect(Object.keys(event).sort()).toEqual(event.type === 'ready' ? ['type'] : ['requestId', 'state', 'type']);
    }

    // Clients that go away leave nothing behind, and the next one listens afresh.
    for (const stream of Object.values(streams)) stream.close();
    await until(() => t.app.helpInbox.size === 0);
    await pauseAllHelpers(db());
    await makeHelper(db(), { displayName: 'Late shift' }).then(async (late) => {
      const stream = await openStream(late);
      await stream.next((event) => event.type === 'ready');
      const next = await ask(t.app);
      expect(await stream.next(about(next.id))).toMatchObject({ type: 'offered' });
      stream.close();
    });
    await until(() => t.app.helpInbox.size === 0);
  });

  it('tells coordinators when a case that reached them is claimed, and a refused claim tells nobody', async () => {
    await pauseAllHelpers(db());
    const asked = await ask(t.app);
    const adviser = await makeHelper(db(), { displayName: 'Assigned adviser' });
    const adminStream = await openStream(admin);
    const adviserStream = await openStream(adviser);
    await adminStream.next((event) => event.type === 'ready');
    await adviserStream.next((event) => event.type === 'ready');

    const assigned = await t.app.inject({
      method: 'POST',
      url: `/api/admin/help-desk/requests/${asked.id}/assign`,
      headers: { cookie: admin.cookie },
      payload: { helperId: adviser.id },
    });
    expect(assigned.statusCode).toBe(200);
    expect(await adviserStream.next(about(asked.id))).toEqual({ type: 'offered', requestId: asked.id, state: 'offered' });

    const stranger = await makeHelper(db(), { accepting: false });
    expect((await t.app.inject({ method: 'POST', url: `/api/help-requests/${asked.id}/claim`, headers: { cookie: stranger.cookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/help-requests/${asked.id}/claim`, headers: { cookie: adviser.cookie } })).statusCode).toBe(200);
    expect(await adminStream.next(about(asked.id))).toEqual({ type: 'claimed', requestId: asked.id, state: 'claimed' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(adminStream.events.filter(about(asked.id))).toHaveLength(1);
    // The claimer is not told about their own claim.
    expect(adviserStream.events.filter(about(asked.id)).map((event) => event.type)).toEqual(['offered']);
    adminStream.close();
    adviserStream.close();
    await until(() => t.app.helpInbox.size === 0);
  });

  it('is for signed-in advisers, leaders and coordinators only, and ends at shutdown', async () => {
    const anonymous = await openStream();
    expect(anonymous.status).toBe(401);
    const migrant = await openStream(await makeMigrant(db()));
    expect(migrant.status).toBe(403);
    const leader = await openStream(await makeHelper(db(), { kind: 'leader', accepting: false }));
    expect(leader.status).toBe(200);
    await leader.next((event) => event.type === 'ready');
    expect(t.app.helpInbox.size).toBe(1);
    // What the server does before it closes: open streams end instead of holding the shutdown.
    await t.app.helpInbox.close();
    await until(() => leader.ended);
    expect(t.app.helpInbox.size).toBe(0);
  });
});
