/**
 * Socket helpers of the e2e suite, over @arena/client's typed sockets: connect to /game (or
 * /chat), wait for an event, collect events. Every event a spec's socket receives, and every
 * ack, is checked against /asyncapi.json (asyncapi-contract.ts): a payload that drifts from the
 * contract fails the test that saw it.
 */
import {
  connectChat as openChat,
  connectGame as openGame,
  connected as whenConnected,
  type ChatSocket,
  type GameSocket,
} from '@arena/client';
import { ackViolation, serverEventViolation, type Namespace } from './asyncapi-contract';
import type { TestApp } from './test-app';

export type ClientSocket = GameSocket;
export type { ChatSocket };

/** Untyped view of a socket, for helpers that take any event name. */
interface AnySocket {
  emit(event: string, ...args: unknown[]): unknown;
  on(event: string, listener: (payload: never) => void): unknown;
  off(event: string, listener: (payload: never) => void): unknown;
  onAny(listener: (event: string, ...args: unknown[]) => void): unknown;
  timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };
}
const untyped = (socket: GameSocket | ChatSocket) => socket as unknown as AnySocket;

/** The socket without its event map, for specs that send malformed payloads on purpose. */
export function untypedEmitter(socket: ClientSocket | ChatSocket): Pick<AnySocket, 'emit'> {
  return untyped(socket);
}

const namespaces = new WeakMap<object, Namespace>();
const socketViolations: string[] = [];

export function expectNoSocketViolations(): void {
  const seen = socketViolations.splice(0);
  if (seen.length > 0) {
    throw new Error(`Socket events that /asyncapi.json does not describe:\n- ${seen.join('\n- ')}`);
  }
}

// Under Jest every spec fails on a violation; outside it (a bench importing a helper) nothing to hook.
if (typeof afterEach === 'function') afterEach(expectNoSocketViolations);

function watched<S extends GameSocket | ChatSocket>(socket: S, namespace: Namespace): S {
  namespaces.set(socket, namespace);
  untyped(socket).onAny((event, payload) => {
    const violation = serverEventViolation(namespace, event, payload);
    if (violation) socketViolations.push(violation);
  });
  return socket;
}

const TEST_SOCKET_OPTIONS = { forceNew: true, reconnection: false };

export function connectGame(t: TestApp, token?: string): ClientSocket {
  return watched(openGame(t.url, token, TEST_SOCKET_OPTIONS), 'game');
}

export function connectChat(t: TestApp, token?: string): ChatSocket {
  return watched(openChat(t.url, token, TEST_SOCKET_OPTIONS), 'chat');
}

/** Resolves once connected; rejects with the server's `connect_error` message. */
export function connected(socket: ClientSocket | ChatSocket): Promise<void> {
  return whenConnected(socket);
}

export async function connectedGame(t: TestApp, token: string): Promise<ClientSocket> {
  const socket = connectGame(t, token);
  await connected(socket);
  return socket;
}

/** The next `event` whose payload matches, or a rejection after `timeoutMs` (bounded waits only). */
export function nextEvent<T = unknown>(
  socket: ClientSocket | ChatSocket,
  event: string,
  matches: (payload: T) => boolean = () => true,
  timeoutMs = 3000,
): Promise<T> {
  const target = untyped(socket);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      target.off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    timer.unref();
    const listener = (payload: T) => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      target.off(event, listener);
      resolve(payload);
    };
    target.on(event, listener);
  });
}

/** Every `event` received from now on, for asserting what did (or did not) arrive. */
export function collect<T = unknown>(socket: ClientSocket | ChatSocket, event: string): T[] {
  const seen: T[] = [];
  untyped(socket).on(event, (payload: T) => seen.push(payload));
  return seen;
}

/**
 * Emits with an acknowledgement and resolves with the ack, whatever it says (specs assert on
 * `{ ok: false, error }` too; @arena/client's emitWithAck throws on it instead).
 */
export async function request<T = unknown>(
  socket: ClientSocket | ChatSocket,
  event: string,
  payload?: unknown,
  timeoutMs = 3000,
): Promise<T> {
  const ack = await untyped(socket).timeout(timeoutMs).emitWithAck(event, payload);
  const violation = ackViolation(namespaces.get(socket) ?? 'game', event, ack);
  if (violation) socketViolations.push(violation);
  return ack as T;
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
export async function connectedChat(t: TestApp, token: string): Promise<ChatSocket> {
  const socket = connectChat(t, token);
  await connected(socket);
  return socket;
}

/**
 * `fence` for a `/chat` socket: `chat:read` with an empty payload is refused (VALIDATION) and
 * changes nothing, but is acknowledged in order like any other event.
 */
export async function chatFence(socket: ChatSocket): Promise<void> {
  const ack = await request<{ ok: boolean; error?: { code: string } }>(socket, 'chat:read', {});
  expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
}

/** Opens chat sockets for a spec and closes them all at the end. */
export function chatPool(t: () => TestApp) {
  const sockets: ChatSocket[] = [];
  return {
    async open(account: { accessToken: string }): Promise<ChatSocket> {
      const socket = await connectedChat(t(), account.accessToken);
      sockets.push(socket);
      return socket;
    },
    closeAll(): void {
      for (const socket of sockets.splice(0)) socket.disconnect();
    },
  };
}
