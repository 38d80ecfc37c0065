// A server-sent events response (text/event-stream) on a raw Node response: events as `data:`
// lines, a comment line as a heartbeat so proxies and the server's idle timeout keep the
// connection open, and one place that notices the client has gone.
import type { ServerResponse } from 'node:http';

export interface EventStreamOptions {
  /** A comment line this often (ms); it also resets the socket's idle timeout. */
  heartbeatMs: number;
  /** How long the browser waits before reconnecting after a drop (ms). */
  retryMs?: number;
  /** Runs after each heartbeat is written (e.g. to check the session still holds). */
  onHeartbeat?: () => void;
}

export interface EventStream {
  /** Sends one event whose data is the JSON of `data`. */
  send(data: unknown): void;
  /** Ends the response (idempotent). */
  close(): void;
  readonly isClosed: boolean;
  /** Resolves when the response ends, by either side. */
  readonly closed: Promise<void>;
}

export function openEventStream(response: ServerResponse, options: EventStreamOptions): EventStream {
  let isClosed = false;
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });
  const write = (chunk: string) => {
    if (!isClosed && !response.writableEnded) response.write(chunk);
  };
  const heartbeat = setInterval(() => {
    write(': heartbeat\n\n');
    options.onHeartbeat?.();
  }, options.heartbeatMs);
  heartbeat.unref();
  const finish = () => {
    if (isClosed) return;
    isClosed = true;
    clearInterval(heartbeat);
    markClosed();
  };
  response.once('close', finish);
  response.once('error', finish);
  // The client may have gone before we got here: its 'close' has fired already.
  if (response.destroyed) finish();

  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    // nginx and friends: pass every event on at once.
    'x-accel-buffering': 'no',
  });
  write(`retry: ${options.retryMs ?? 5000}\n\n`);

  return {
    send(data) {
      write(`data: ${JSON.stringify(data)}\n\n`);
    },
    close() {
      if (!response.writableEnded) response.end();
      finish();
    },
    get isClosed() {
      return isClosed;
    },
    closed,
  };
}
