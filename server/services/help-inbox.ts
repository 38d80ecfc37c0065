// The helpers' live inbox: a case offered to them, claimed by someone else, written to by the
// asker, or escalated. Services announce it with NOTIFY inside their transaction (delivered at
// commit, so a rolled-back change is never announced, and every process's listeners hear it,
// including changes made by a worker process); each API process LISTENs once and fans out to
// its open streams. Announcements carry ids and states only: never a question, note or message.
import { sql } from 'drizzle-orm';
import type { Database, Queryable } from '../db/client.ts';
import { HELP_REQUEST_STATES, type HelpRequestState } from '../reference/help.ts';
import type { Role } from '../reference/data.ts';

export const HELP_INBOX_CHANNEL = 'kaifong_help_inbox';

export const HELP_INBOX_EVENT_TYPES = ['offered', 'claimed', 'message', 'escalated'] as const;
export type HelpInboxEventType = (typeof HELP_INBOX_EVENT_TYPES)[number];

/** What a stream sends a client: enough to know which case to refetch. */
export interface HelpInboxEvent {
  type: HelpInboxEventType;
  requestId: string;
  state: HelpRequestState;
}

/** An announcement: the event and who hears it. */
export interface HelpInboxAnnouncement extends HelpInboxEvent {
  /** Helpers (by user id) the event is for. */
  to: string[];
  /** Every coordinator (admin) hears it too. */
  coordinators: boolean;
}

/** Postgres refuses NOTIFY payloads of 8000 bytes or more: recipients go out in batches. */
const RECIPIENTS_PER_NOTIFY = 100;

export async function announceToHelpInbox(q: Queryable, announcement: HelpInboxAnnouncement): Promise<void> {
  const to = [...new Set(announcement.to)];
  if (to.length === 0 && !announcement.coordinators) return;
  const { type, requestId, state } = announcement;
  for (let first = 0; first === 0 || first < to.length; first += RECIPIENTS_PER_NOTIFY) {
    const payload = JSON.stringify({ type, requestId, state, to: to.slice(first, first + RECIPIENTS_PER_NOTIFY), coordinators: first === 0 && announcement.coordinators });
    await q.execute(sql`select pg_notify(${HELP_INBOX_CHANNEL}, ${payload})`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A NOTIFY payload back into an announcement; null for anything malformed. */
export function parseHelpInboxAnnouncement(payload: string): HelpInboxAnnouncement | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { type, requestId, state, to, coordinators } = value as Record<string, unknown>;
  if (!HELP_INBOX_EVENT_TYPES.includes(type as HelpInboxEventType)) return null;
  if (typeof requestId !== 'string' || !UUID.test(requestId)) return null;
  if (!HELP_REQUEST_STATES.includes(state as HelpRequestState)) return null;
  if (!Array.isArray(to) || !to.every((id) => typeof id === 'string')) return null;
  return { type: type as HelpInboxEventType, requestId, state: state as HelpRequestState, to: to as string[], coordinators: coordinators === true };
}

export interface InboxViewer {
  id: string;
  roles: readonly Role[];
}

export function isForViewer(announcement: HelpInboxAnnouncement, viewer: InboxViewer): boolean {
  return announcement.to.includes(viewer.id) || (announcement.coordinators && viewer.roles.includes('admin'));
}

type Subscriber = (announcement: HelpInboxAnnouncement) => void;
/** Called when the hub shuts down with the subscriber still on it. */
type OnShutdown = () => void;

/**
 * One LISTEN per process, shared by every open stream: started by the first subscriber,
 * stopped when the last one leaves (and at shutdown).
 */
export class HelpInboxHub {
  readonly #subscribers = new Map<Subscriber, OnShutdown>();
  #listening: Promise<() => Promise<void>> | null = null;

  constructor(
    private readonly listen: Database['listen'],
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Open streams in this process. */
  get size(): number {
    return this.#subscribers.size;
  }

  /** Resolves once LISTEN is active, with the function that unsubscribes. */
  async subscribe(subscriber: Subscriber, onShutdown: OnShutdown = () => {}): Promise<() => Promise<void>> {
    this.#subscribers.set(subscriber, onShutdown);
    try {
      this.#listening ??= this.listen(HELP_INBOX_CHANNEL, (payload) => this.#deliver(payload));
      await this.#listening;
    } catch (error) {
      this.#subscribers.delete(subscriber);
      this.#listening = null;
      throw error;
    }
    let subscribed = true;
    return async () => {
      if (!subscribed) return;
      subscribed = false;
      this.#subscribers.delete(subscriber);
      if (this.#subscribers.size === 0) await this.#stopListening();
    };
  }

  /** Tells every subscriber, drops them and stops listening (shutdown). */
  async close(): Promise<void> {
    const ending = [...this.#subscribers.values()];
    this.#subscribers.clear();
    for (const onShutdown of ending) {
      try {
        onShutdown();
      } catch (error) {
        this.onError(error);
      }
    }
    await this.#stopListening();
  }

  async #stopListening(): Promise<void> {
    const listening = this.#listening;
    this.#listening = null;
    if (!listening) return;
    try {
      await (await listening)();
    } catch (error) {
      this.onError(error);
    }
  }

  #deliver(payload: string): void {
    const announcement = parseHelpInboxAnnouncement(payload);
    if (!announcement) return;
    for (const subscriber of this.#subscribers.keys()) {
      try {
        subscriber(announcement);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
