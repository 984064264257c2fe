import type { Namespace } from 'socket.io';
import { ManualClock } from '../common/clock/clock';
import { InMemorySessionEvents } from '../modules/auth/session-events';
import {
  MAX_TIMER_MS,
  SessionBoundSocket,
  SessionExpiryLookup,
  SessionSockets,
} from './session-sockets';

/** Records the room operations SessionSockets makes on its namespace. */
function fakeNamespace() {
  const calls: { in: string[]; except: string[] }[] = [];
  const operator = (rooms: string[], except: string[]) => ({
    except: (room: string) => operator(rooms, [...except, room]),
    disconnectSockets: () => {
      calls.push({ in: rooms, except });
    },
  });
  const namespace = {
    local: { in: (rooms: string | string[]) => operator([rooms].flat(), []) },
  } as unknown as Pick<Namespace, 'local'>;
  return { namespace, calls };
}

function fakeSocket(sessionId = 's1') {
  const socket = {
    connected: true,
    data: { user: { userId: 'u1', sessionId } },
    rooms: [] as string[],
    join(room: string) {
      socket.rooms.push(room);
    },
    disconnect: jest.fn(() => {
      socket.connected = false;
    }),
  };
  return socket satisfies SessionBoundSocket;
}

function setup(expiries: (number | null | Error)[]) {
  const clock = new ManualClock(1_000_000);
  const { namespace, calls } = fakeNamespace();
  const lookup: SessionExpiryLookup = {
    sessionExpiry: jest.fn(() => {
      const next = expiries.shift();
      if (next instanceof Error) return Promise.reject(next);
      return Promise.resolve(next ?? null);
    }),
  };
  const sut = new SessionSockets(namespace, lookup, clock);
  /** Moves the clock and the timers together, then lets the re-read settle. */
  const advance = async (ms: number) => {
    clock.advance(ms);
    jest.advanceTimersByTime(ms);
    await Promise.resolve();
    await Promise.resolve();
  };
  return { sut, clock, calls, lookup, advance };
}

describe('SessionSockets', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  describe('revocations', () => {
    it('ends the sockets of the revoked sessions on this node', () => {
      const { sut, calls } = setup([]);
      sut.revoked({ kind: 'sessions', sessionIds: ['a', 'b'], reason: 'logout' });
      sut.revoked({ kind: 'sessions', sessionIds: [], reason: 'logout' });
      expect(calls).toEqual([{ in: ['session:a', 'session:b'], except: [] }]);
    });

    it('ends every socket of a user, or all but those of the session kept', () => {
      const { sut, calls } = setup([]);
      sut.revoked({ kind: 'user', userId: 'u1', keep: null, reason: 'account_erased' });
      sut.revoked({ kind: 'user', userId: 'u2', keep: 'k', reason: 'password_changed' });
      expect(calls).toEqual([
        { in: ['user:u1'], except: [] },
        { in: ['user:u2'], except: ['session:k'] },
      ]);
    });

    it('hears the bus until closed', async () => {
      const { sut, calls } = setup([]);
      const events = new InMemorySessionEvents();
      await sut.listen(events);
      await events.publish({ kind: 'sessions', sessionIds: ['a'], reason: 'refresh_reuse' });
      await sut.close();
      await events.publish({ kind: 'sessions', sessionIds: ['b'], reason: 'logout' });
      expect(calls).toEqual([{ in: ['session:a'], except: [] }]);
    });
  });

  describe('expiry', () => {
    it('joins the session’s room and ends the socket when the session expires', async () => {
      const start = 1_000_000;
      const { sut, advance } = setup([start + 5000, null]);
      const socket = fakeSocket();
      await sut.track(socket);
      expect(socket.rooms).toEqual(['session:s1']);
      await advance(4999);
      expect(socket.disconnect).not.toHaveBeenCalled();
      await advance(1);
      expect(socket.disconnect).toHaveBeenCalledTimes(1);
    });

    it('follows a rotation: the timer reads the session again and waits for the new expiry', async () => {
      const start = 1_000_000;
      const { sut, advance, lookup } = setup([start + 5000, start + 9000, null]);
      const socket = fakeSocket();
      await sut.track(socket);
      await advance(5000);
      expect(socket.disconnect).not.toHaveBeenCalled();
      await advance(4000);
      expect(socket.disconnect).toHaveBeenCalledTimes(1);
      expect(lookup.sessionExpiry).toHaveBeenCalledTimes(3);
    });

    it('ends at once a socket whose session is already over or unreadable', async () => {
      const { sut } = setup([null, new Error('database down')]);
      const gone = fakeSocket();
      await sut.track(gone);
      expect(gone.disconnect).toHaveBeenCalledTimes(1);
      const unreadable = fakeSocket();
      await sut.track(unreadable);
      expect(unreadable.disconnect).toHaveBeenCalledTimes(1);
    });

    it('sets no timer for a socket gone meanwhile, and clears it on untrack', async () => {
      const start = 1_000_000;
      const { sut, advance } = setup([start + 1000, start + 1000]);
      const left = fakeSocket();
      left.connected = false;
      await sut.track(left);
      expect(jest.getTimerCount()).toBe(0);

      const socket = fakeSocket();
      await sut.track(socket);
      expect(jest.getTimerCount()).toBe(1);
      sut.untrack(socket);
      expect(jest.getTimerCount()).toBe(0);
      await advance(2000);
      expect(socket.disconnect).not.toHaveBeenCalled();
    });

    it('waits at most what a timer can, then looks again', async () => {
      const start = 1_000_000;
      const far = start + 40 * 86_400_000;
      const { sut, advance, lookup } = setup([far, far]);
      const socket = fakeSocket();
      await sut.track(socket);
      await advance(MAX_TIMER_MS);
      expect(lookup.sessionExpiry).toHaveBeenCalledTimes(2);
      expect(socket.disconnect).not.toHaveBeenCalled();
      expect(jest.getTimerCount()).toBe(1);
    });
  });
});
