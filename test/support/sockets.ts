/** socket.io-client helpers: connect to /game, wait for an event, collect events. */
import { io, Socket } from 'socket.io-client';
import type { TestApp } from './test-app';

export type ClientSocket = Socket;

export function connectGame(t: TestApp, token?: string): ClientSocket {
  return io(`${t.url}/game`, {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
}

/** Resolves once connected; rejects with the server's `connect_error` message. */
export function connected(socket: ClientSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error: Error) => reject(error));
  });
}

export async function connectedGame(t: TestApp, token: string): Promise<ClientSocket> {
  const socket = connectGame(t, token);
  await connected(socket);
  return socket;
}

/** The next `event` whose payload matches, or a rejection after `timeoutMs` (bounded waits only). */
export function nextEvent<T = unknown>(
  socket: ClientSocket,
  event: string,
  matches: (payload: T) => boolean = () => true,
  timeoutMs = 3000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    timer.unref();
    const listener = (payload: T) => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

/** Every `event` received from now on, for asserting what did (or did not) arrive. */
export function collect<T = unknown>(socket: ClientSocket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

/** Emits with an acknowledgement and resolves with the ack. */
export function request<T = unknown>(
  socket: ClientSocket,
  event: string,
  payload?: unknown,
  timeoutMs = 3000,
): Promise<T> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
}

/**
 * Fences a socket: resolves once the server has acknowledged an event sent on it now. Socket.IO
 * delivers a socket's messages in order both ways, and the server reads a socket's events in
 * order, so by then every event the server sent this socket before reading the fence has arrived,
 * and every event sent on it before the fence has been read (a `game:input`, handled as it is
 * read, has taken effect). What the server sends only after an await of its own (a database
 * write, say) may still be on its way: wait for a positive event after it instead.
 *
 * The probe is `queue:leave`, which changes nothing for a user who is not queued: never fence the
 * socket of a queued user with it.
 */
export async function fence(socket: ClientSocket): Promise<void> {
  const ack = await request(socket, 'queue:leave');
  expect(ack).toEqual({ ok: true });
}

/** Opens game sockets for a spec and closes them all at the end. */
export function socketPool(t: () => TestApp) {
  const sockets: ClientSocket[] = [];
  return {
    async open(account: { accessToken: string }): Promise<ClientSocket> {
      const socket = await connectedGame(t(), account.accessToken);
      sockets.push(socket);
      return socket;
    },
    /** A socket not connected yet, so listeners can be in place before the first event. */
    connecting(account: { accessToken: string }): ClientSocket {
      const socket = connectGame(t(), account.accessToken);
      sockets.push(socket);
      return socket;
    },
    closeAll(): void {
      for (const socket of sockets.splice(0)) socket.disconnect();
    },
  };
}

/** A socket on `/chat`, connected. */
export async function connectedChat(t: TestApp, token: string): Promise<ClientSocket> {
  const socket = io(`${t.url}/chat`, {
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  await connected(socket);
  return socket;
}

/**
 * `fence` for a `/chat` socket: `chat:read` with an empty payload is refused (VALIDATION) and
 * changes nothing, but is acknowledged in order like any other event.
 */
export async function chatFence(socket: ClientSocket): Promise<void> {
  const ack = await request<{ ok: boolean; error?: { code: string } }>(socket, 'chat:read', {});
  expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
}

/** Opens chat sockets for a spec and closes them all at the end. */
export function chatPool(t: () => TestApp) {
  const sockets: ClientSocket[] = [];
  return {
    async open(account: { accessToken: string }): Promise<ClientSocket> {
      const socket = await connectedChat(t(), account.accessToken);
      sockets.push(socket);
      return socket;
    },
    closeAll(): void {
      for (const socket of sockets.splice(0)) socket.disconnect();
    },
  };
}
