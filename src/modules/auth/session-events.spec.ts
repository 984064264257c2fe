import { Logger } from '@nestjs/common';
import { InMemorySessionEvents, SessionsRevoked } from './session-events';

describe('InMemorySessionEvents', () => {
  const event: SessionsRevoked = { kind: 'sessions', sessionIds: ['s1'], reason: 'logout' };

  it('delivers each event to every listener until it unsubscribes', async () => {
    const bus = new InMemorySessionEvents();
    const first = jest.fn();
    const second = jest.fn();
    const stopFirst = await bus.subscribe(first);
    await bus.subscribe(second);
    await bus.publish(event);
    await stopFirst();
    await bus.publish({ kind: 'user', userId: 'u1', keep: null, reason: 'account_erased' });
    expect(first.mock.calls).toEqual([[event]]);
    expect(second).toHaveBeenCalledTimes(2);
  });

  it('spares the other listeners when one fails', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const bus = new InMemorySessionEvents();
    const after = jest.fn();
    await bus.subscribe(() => Promise.reject(new Error('boom')));
    await bus.subscribe(after);
    await expect(bus.publish(event)).resolves.toBeUndefined();
    expect(after).toHaveBeenCalledWith(event);
    expect(error).toHaveBeenCalledWith(expect.stringContaining('boom'));
    error.mockRestore();
  });
});
