/**
 * Typed Socket.IO sockets for `/game` and `/chat`: every `on`, `emit` and `emitWithAck` is checked
 * against the event maps of @arena/protocol, the definitions the server's gateways use too.
 */
import type {
  AckFailure,
  ChatClientToServerEvents,
  ChatServerToClientEvents,
  GameClientToServerEvents,
  GameServerToClientEvents,
} from '@arena/protocol';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { ArenaAckError } from './errors';

export type GameSocket = Socket<GameServerToClientEvents, GameClientToServerEvents>;
export type ChatSocket = Socket<ChatServerToClientEvents, ChatClientToServerEvents>;

/** Socket.IO client options (the token is given apart). */
export type ConnectOptions = Partial<ManagerOptions & SocketOptions>;

/**
 * The token a socket presents: a value, or a function read at every (re)connection, so that a
 * socket reconnecting after its access token was rotated presents the new one.
 */
export type SocketToken = string | undefined | (() => string | null | undefined);

/** How long `emitWithAck` waits for an answer by default. */
export const DEFAULT_ACK_TIMEOUT_MS = 10_000;

function connect(baseUrl: string, namespace: string, token: SocketToken, options: ConnectOptions) {
  return io(`${baseUrl.replace(/\/+$/, '')}${namespace}`, {
    // WebSocket only: Arena behind a load balancer needs no sticky sessions then.
    transports: ['websocket'],
    ...options,
    auth:
      typeof token === 'function'
        ? (send: (auth: object) => void) => {
            const current = token();
            send(current ? { token: current } : {});
          }
        : token === undefined
          ? {}
          : { token },
  });
}

/**
 * Opens `/game` with an access token (or an API key with `play`). The socket connects on its
 * own; await `connected(socket)` to know it did.
 */
export function connectGame(
  baseUrl: string,
  token: SocketToken,
  options: ConnectOptions = {},
): GameSocket {
  return connect(baseUrl, '/game', token, options);
}

/** Opens `/chat` like `connectGame`. */
export function connectChat(
  baseUrl: string,
  token: SocketToken,
  options: ConnectOptions = {},
): ChatSocket {
  return connect(baseUrl, '/chat', token, options);
}

/** Resolves once connected; rejects with the server's `connect_error` (`unauthorized`, ...). */
export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    const onConnect = () => {
      socket.off('connect_error', onError);
      resolve();
    };
    const onError = (error: Error) => {
      socket.off('connect', onConnect);
      reject(error);
    };
    socket.once('connect', onConnect);
    socket.once('connect_error', onError);
  });
}

type Listener = (...args: never[]) => void;
type EventMap = { [event: string]: Listener };

/** The events of a map that answer through an acknowledgement (the last listener argument). */
export type AckedEventOf<M extends EventMap> = {
  [E in keyof M & string]: Parameters<M[E]> extends [...unknown[], (answer: never) => void]
    ? E
    : never;
}[keyof M & string];

/** What event E acknowledges with: `{ ok: true, ... } | { ok: false, error }`. */
export type AckAnswerOf<M extends EventMap, E extends keyof M> =
  Parameters<M[E]> extends [...unknown[], (answer: infer A) => void] ? A : never;

/** The payload arguments of event E (none, or one). */
export type PayloadArgsOf<M extends EventMap, E extends keyof M> =
  Parameters<M[E]> extends [...infer P, (answer: never) => void] ? P : never;

export interface AckOptions {
  /** Reject after this long without an answer (default DEFAULT_ACK_TIMEOUT_MS). */
  timeoutMs?: number;
}

/**
 * Emits an acknowledged event and resolves with its answer when it is `{ ok: true, ... }`;
 * rejects with an ArenaAckError (its `code`: VALIDATION, FORBIDDEN, ...) when it is
 * `{ ok: false, error }`, and with an Error when no answer comes in time.
 *
 * ```ts
 * const { matchId } = await emitWithAck(game, 'match:ai', { difficulty: 'easy' });
 * await emitWithAck(game, 'queue:leave');
 * ```
 */
export async function emitWithAck<
  L extends EventMap,
  M extends EventMap,
  E extends AckedEventOf<M>,
>(
  socket: Socket<L, M>,
  event: E,
  ...args: [...PayloadArgsOf<M, E>, AckOptions?]
): Promise<Extract<AckAnswerOf<M, E>, { ok: true }>> {
  const { payload, options } = splitArgs(args);
  const timed = socket.timeout(options.timeoutMs ?? DEFAULT_ACK_TIMEOUT_MS) as unknown as {
    emitWithAck(event: string, ...payload: unknown[]): Promise<unknown>;
  };
  const answer = (await timed.emitWithAck(event, ...payload)) as AckAnswerOf<M, E>;
  const failure = answer as AckFailure | { ok: true };
  if (failure.ok === false) {
    throw new ArenaAckError(event, failure.error.code, failure.error.message);
  }
  return answer as Extract<AckAnswerOf<M, E>, { ok: true }>;
}

/** Payload-less events take only options; the others take their payload, then options. */
function splitArgs(args: unknown[]): { payload: unknown[]; options: AckOptions } {
  if (args.length === 2) return { payload: [args[0]], options: args[1] ?? {} };
  if (args.length === 1 && isAckOptions(args[0])) return { payload: [], options: args[0] };
  return { payload: args, options: {} };
}

function isAckOptions(value: unknown): value is AckOptions {
  if (value === null || typeof value !== 'object') return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'timeoutMs';
}
