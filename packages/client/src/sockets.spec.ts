import type { GameSocket } from './sockets';
import { ArenaAckError } from './errors';
import { connectGame, emitWithAck } from './sockets';

describe('connectGame', () => {
  const authOf = (socket: GameSocket) =>
    new Promise<object>((resolve) => {
      const auth = socket.auth;
      if (typeof auth === 'function') auth(resolve);
      else resolve(auth);
    });

  it('presents a fixed token, or reads a token getter at every connection', async () => {
    const options = { autoConnect: false, forceNew: true };
    await expect(authOf(connectGame('http://arena.test', 'T1', options))).resolves.toEqual({
      token: 'T1',
    });
    let current: string | null = 'A1';
    const socket = connectGame('http://arena.test/', () => current, options);
    await expect(authOf(socket)).resolves.toEqual({ token: 'A1' });
    current = 'A2';
    await expect(authOf(socket)).resolves.toEqual({ token: 'A2' });
    current = null;
    await expect(authOf(socket)).resolves.toEqual({});
  });
});

/** A socket whose acknowledgements are scripted: records what was emitted, with which timeout. */
function fakeSocket(answer: (event: string, args: unknown[]) => unknown) {
  const sent: { timeoutMs: number; event: string; args: unknown[] }[] = [];
  const socket = {
    timeout: (timeoutMs: number) => ({
      emitWithAck: (event: string, ...args: unknown[]) => {
        sent.push({ timeoutMs, event, args });
        return Promise.resolve(answer(event, args));
      },
    }),
  };
  return { sent, socket: socket as unknown as GameSocket };
}

describe('emitWithAck', () => {
  it('resolves with a positive ack, payload and default timeout passed on', async () => {
    const { sent, socket } = fakeSocket(() => ({ ok: true, matchId: 'm1' }));
    const ack = await emitWithAck(socket, 'match:ai', { difficulty: 'easy' });
    expect(ack.matchId).toBe('m1');
    expect(sent).toEqual([
      { timeoutMs: 10_000, event: 'match:ai', args: [{ difficulty: 'easy' }] },
    ]);
  });

  it('sends no payload for a payload-less event, and honours a timeout', async () => {
    const { sent, socket } = fakeSocket(() => ({ ok: true }));
    await expect(emitWithAck(socket, 'queue:leave', { timeoutMs: 500 })).resolves.toEqual({
      ok: true,
    });
    await emitWithAck(socket, 'queue:leave');
    await emitWithAck(socket, 'match:local', {}, { timeoutMs: 700 });
    expect(sent).toEqual([
      { timeoutMs: 500, event: 'queue:leave', args: [] },
      { timeoutMs: 10_000, event: 'queue:leave', args: [] },
      { timeoutMs: 700, event: 'match:local', args: [{}] },
    ]);
  });

  it('rejects a negative ack with an ArenaAckError carrying its code', async () => {
    const { socket } = fakeSocket(() => ({
      ok: false,
      error: { code: 'ALREADY_IN_QUEUE', message: 'Already queued' },
    }));
    const failure = await emitWithAck(socket, 'queue:join', { mode: 'ranked' }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ArenaAckError);
    expect(failure).toMatchObject({
      event: 'queue:join',
      code: 'ALREADY_IN_QUEUE',
      detail: 'Already queued',
      message: 'queue:join: ALREADY_IN_QUEUE Already queued',
    });
  });

  it('lets a timeout through as the error Socket.IO raises', async () => {
    const socket = {
      timeout: () => ({ emitWithAck: () => Promise.reject(new Error('operation has timed out')) }),
    } as unknown as GameSocket;
    await expect(emitWithAck(socket, 'queue:leave')).rejects.toThrow('operation has timed out');
  });
});
