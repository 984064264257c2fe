import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { InMemoryPresenceStore } from '../modules/social/presence.store';
import { SeatedSocket, SocketSeats, TOO_MANY_CONNECTIONS } from './socket-seats';

function fakeSocket(userId = 'u1') {
  const conn = Object.assign(new EventEmitter(), { readyState: 'open' });
  const socket = { connected: false, data: { user: { userId, sessionId: 's1' } }, conn };
  return socket satisfies SeatedSocket;
}

/** Seats counted by a real in-memory presence store, limited to `limit`. */
function setup(limit: number) {
  const store = new InMemoryPresenceStore();
  const freed: string[] = [];
  const sut = new SocketSeats(
    async (userId) => (await store.connect(userId, '/game', limit)) !== null,
    (userId) => {
      freed.push(userId);
      return store.disconnect(userId, '/game').then(() => undefined);
    },
  );
  /** Runs the middleware: resolves with the error it passed on, or undefined. */
  const handshake = (socket: SeatedSocket) =>
    new Promise<Error | undefined>((resolve) => sut.middleware()(socket, resolve));
  return { sut, store, freed, handshake };
}

describe('SocketSeats', () => {
  it('seats a user’s sockets up to the limit, then refuses with too_many_connections', async () => {
    const { handshake, store } = setup(2);
    const results = await Promise.all([fakeSocket(), fakeSocket(), fakeSocket()].map(handshake));
    expect(results.map((error) => error?.message)).toEqual([
      undefined,
      undefined,
      TOO_MANY_CONNECTIONS,
    ]);
    await expect(handshake(fakeSocket('u2'))).resolves.toBeUndefined();
    expect(store.statusOf('u1')).toBe('online');
  });

  it('gives the seat back once on disconnect, however many paths report it', async () => {
    const { sut, handshake, freed } = setup(1);
    const socket = fakeSocket();
    await handshake(socket);
    socket.connected = true;
    sut.connected(socket);

    socket.connected = false;
    await expect(sut.release(socket)).resolves.toBe(true);
    socket.conn.emit('close');
    await expect(sut.release(socket)).resolves.toBe(false);
    expect(freed).toEqual(['u1']);
    await expect(handshake(fakeSocket())).resolves.toBeUndefined();
  });

  it('gives the seat back when the connection closes before the socket connected', async () => {
    const { handshake, freed } = setup(1);
    const socket = fakeSocket();
    await handshake(socket);
    socket.conn.emit('close');
    expect(freed).toEqual(['u1']);
    await expect(handshake(fakeSocket())).resolves.toBeUndefined();
  });

  it('gives the seat back at once when the connection closed while it was being taken', async () => {
    const { handshake, freed } = setup(1);
    const socket = fakeSocket();
    socket.conn.readyState = 'closed';
    await expect(handshake(socket)).resolves.toBeInstanceOf(Error);
    expect(freed).toEqual(['u1']);
  });

  it('leaves the seat to the disconnect once connected', async () => {
    const { sut, handshake, freed } = setup(1);
    const socket = fakeSocket();
    await handshake(socket);
    socket.connected = true;
    sut.connected(socket);
    socket.conn.emit('close');
    expect(freed).toEqual([]);
    expect(socket.conn.listenerCount('close')).toBe(0);
  });

  it('refuses the handshake, without detail, when seats can’t be counted', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const sut = new SocketSeats(
      () => Promise.reject(new Error('redis down at 10.0.0.3')),
      () => Promise.resolve(),
    );
    const error = await new Promise<Error | undefined>((resolve) =>
      sut.middleware()(fakeSocket(), resolve),
    );
    expect(error?.message).toBe('internal');
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('redis down'));
    logged.mockRestore();
  });
});
