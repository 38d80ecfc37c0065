// The live inbox's pure parts: announcements in and out of NOTIFY payloads, who hears what, the
// per-process hub (one LISTEN however many streams), the event stream's heartbeat, and the
// coordinators' week and percentiles.
import { PassThrough } from 'node:stream';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openEventStream } from '../../server/lib/event-stream.ts';
import { HEARTBEAT_MS } from '../../server/routes/help-stream.ts';
import { hongKongWeek, percentile } from '../../server/services/help-coordinator.ts';
import { HelpInboxHub, isForViewer, parseHelpInboxAnnouncement, type HelpInboxAnnouncement } from '../../server/services/help-inbox.ts';

const ID = '6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f';
const HELPER = '11111111-2222-4333-8444-555555555555';

describe('announcements', () => {
  it('round-trip through a NOTIFY payload, and anything malformed is dropped', () => {
    const announcement: HelpInboxAnnouncement = { type: 'offered', requestId: ID, state: 'offered', to: [HELPER], coordinators: false };
    expect(parseHelpInboxAnnouncement(JSON.stringify(announcement))).toEqual(announcement);
    for (const bad of [
      'not json',
      'null',
      JSON.stringify({ ...announcement, type: 'deleted' }),
      JSON.stringify({ ...announcement, requestId: 'x' }),
      JSON.stringify({ ...announcement, state: 'lost' }),
      JSON.stringify({ ...announcement, to: 'everyone' }),
      JSON.stringify({ ...announcement, to: [1] }),
    ]) {
      expect(parseHelpInboxAnnouncement(bad), bad).toBeNull();
    }
  });

  it('reach the helpers named, and every coordinator when flagged', () => {
    const helper = { id: HELPER, roles: ['adviser' as const] };
    const coordinator = { id: ID, roles: ['admin' as const] };
    const toHelper: HelpInboxAnnouncement = { type: 'claimed', requestId: ID, state: 'claimed', to: [HELPER], coordinators: false };
    expect(isForViewer(toHelper, helper)).toBe(true);
    expect(isForViewer(toHelper, coordinator)).toBe(false);
    const toCoordinators: HelpInboxAnnouncement = { ...toHelper, to: [], coordinators: true };
    expect(isForViewer(toCoordinators, helper)).toBe(false);
    expect(isForViewer(toCoordinators, coordinator)).toBe(true);
  });
});

describe('the hub', () => {
  function fakeDatabase() {
    const state = { listens: 0, unlistens: 0, deliver: (_payload: string) => {} };
    const listen = async (_channel: string, onMessage: (payload: string) => void) => {
      state.listens++;
      state.deliver = onMessage;
      return async () => {
        state.unlistens++;
      };
    };
    return { state, listen };
  }

  it('listens once for many streams, and stops when the last one leaves', async () => {
    const { state, listen } = fakeDatabase();
    const hub = new HelpInboxHub(listen);
    const heard: string[][] = [[], []];
    const [leaveA, leaveB] = await Promise.all([
      hub.subscribe((announcement) => heard[0]!.push(announcement.type)),
      hub.subscribe((announcement) => heard[1]!.push(announcement.type)),
    ]);
    expect(state.listens).toBe(1);
    expect(hub.size).toBe(2);
    state.deliver(JSON.stringify({ type: 'message', requestId: ID, state: 'claimed', to: [HELPER], coordinators: false }));
    state.deliver('garbage');
    expect(heard).toEqual([['message'], ['message']]);
    await leaveA!();
    await leaveA!();
    expect(state.unlistens).toBe(0);
    await leaveB!();
    expect(state.unlistens).toBe(1);
    expect(hub.size).toBe(0);
    await hub.subscribe(() => {});
    expect(state.listens).toBe(2);
  });

  it('ends every stream at shutdown, and one failing subscriber does not stop the others', async () => {
    const { state, listen } = fakeDatabase();
    const errors: unknown[] = [];
    const hub = new HelpInboxHub(listen, (error) => errors.push(error));
    const ended: string[] = [];
    const heard: string[] = [];
    await hub.subscribe(() => {
      throw new Error('broken stream');
    }, () => ended.push('a'));
    await hub.subscribe((announcement) => heard.push(announcement.requestId), () => ended.push('b'));
    state.deliver(JSON.stringify({ type: 'escalated', requestId: ID, state: 'new', to: [], coordinators: true }));
    expect(heard).toEqual([ID]);
    expect(errors).toHaveLength(1);
    await hub.close();
    expect(ended).toEqual(['a', 'b']);
    expect(state.unlistens).toBe(1);
    expect(hub.size).toBe(0);
  });

  it('lets a failed LISTEN be tried again by the next stream', async () => {
    let attempts = 0;
    const hub = new HelpInboxHub(async () => {
      attempts++;
      if (attempts === 1) throw new Error('database away');
      return async () => {};
    });
    await expect(hub.subscribe(() => {})).rejects.toThrow('database away');
    expect(hub.size).toBe(0);
    await hub.subscribe(() => {});
    expect(attempts).toBe(2);
  });
});

describe('the event stream', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function fakeResponse() {
    const body = new PassThrough();
    const written: string[] = [];
    body.on('data', (chunk: Buffer) => written.push(chunk.toString()));
    const response = Object.assign(body, {
      status: 0,
      headers: {} as Record<string, string>,
      writeHead(status: number, headers: Record<string, string>) {
        response.status = status;
        response.headers = headers;
        return response;
      },
    });
    return { response, written };
  }

  it('sends events as data lines and a heartbeat comment every 25 seconds until the client goes', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { response, written } = fakeResponse();
    const beats = vi.fn();
    const stream = openEventStream(response as unknown as ServerResponse, { heartbeatMs: HEARTBEAT_MS, onHeartbeat: beats });
    expect(HEARTBEAT_MS).toBe(25_000);
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
    stream.send({ type: 'ready' });
    vi.advanceTimersByTime(24_999);
    expect(beats).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    vi.advanceTimersByTime(25_000);
    expect(beats).toHaveBeenCalledTimes(2);
    response.emit('close');
    await stream.closed;
    expect(stream.isClosed).toBe(true);
    const beatsAtClose = beats.mock.calls.length;
    vi.advanceTimersByTime(100_000);
    expect(beats).toHaveBeenCalledTimes(beatsAtClose);
    stream.send({ type: 'offered' });
    await new Promise((resolve) => setImmediate(resolve));
    const text = written.join('');
    expect(text.startsWith('retry: 5000\n\ndata: {"type":"ready"}\n\n: heartbeat\n\n: heartbeat\n\n')).toBe(true);
    expect(text).not.toContain('offered');
  });

  it('ends the response when closed from the server side', async () => {
    const { response } = fakeResponse();
    const stream = openEventStream(response as unknown as ServerResponse, { heartbeatMs: HEARTBEAT_MS });
    stream.close();
    stream.close();
    await stream.closed;
    expect(response.writableEnded).toBe(true);
  });
});

describe('the coordinators’ week', () => {
  it('starts on the Monday of the date’s week, at midnight in Hong Kong', () => {
    expect(hongKongWeek('2026-11-25')).toEqual({
      start: '2026-11-23',
      end: '2026-11-29',
      from: new Date('2026-11-22T16:00:00Z'),
      to: new Date('2026-11-29T16:00:00Z'),
    });
    expect(hongKongWeek('2026-11-23').start).toBe('2026-11-23');
    expect(hongKongWeek('2026-11-29').start).toBe('2026-11-23');
    expect(hongKongWeek('2027-01-01').start).toBe('2026-12-28');
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-1', 'monday']) expect(() => hongKongWeek(bad), bad).toThrow(/week/);
  });

  it('interpolates percentiles between ranks, as Postgres’ percentile_cont does', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([10, 300, 1440], 0.5)).toBe(300);
    expect(percentile([1440, 10, 300], 0.9)).toBeCloseTo(1212);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
  });
});
