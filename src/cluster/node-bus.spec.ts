import { AlreadyInMatchError, DomainError, NotFoundError } from '../common/errors';
import { fromReply, LocalNodeBus, toReply } from './node-bus';

describe('NodeBus', () => {
  it('hands a message for this node to its handler, and answers a request with its value', async () => {
    const bus = new LocalNodeBus('node-a');
    const seen: unknown[] = [];
    bus.handle<{ n: number }>('echo', (payload, from) => {
      seen.push([payload, from]);
      return payload.n * 2;
    });
    bus.send('node-a', 'echo', { n: 1 });
    await expect(bus.request('node-a', 'echo', { n: 21 })).resolves.toBe(42);
    expect(seen).toEqual([
      [{ n: 1 }, 'node-a'],
      [{ n: 21 }, 'node-a'],
    ]);
  });

  it('re-throws a handler’s domain error with its code; anything else as UNAVAILABLE', async () => {
    const bus = new LocalNodeBus('node-a');
    bus.handle('busy', () => {
      throw new AlreadyInMatchError('Finish your live match first');
    });
    bus.handle('broken', () => {
      throw new Error('secret internals');
    });
    await expect(bus.request('node-a', 'busy', {})).rejects.toMatchObject({
      code: 'ALREADY_IN_MATCH',
      message: 'Finish your live match first',
    });
    const broken = bus.request('node-a', 'broken', {});
    await expect(broken).rejects.toBeInstanceOf(DomainError);
    await expect(broken).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(bus.request('node-a', 'nobody', {})).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    // Alone, there is no other node to ask.
    await expect(bus.request('node-b', 'busy', {})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(() => bus.handle('busy', () => null)).toThrow('already handled');
  });

  it('packs outcomes so they survive JSON', () => {
    const reply = toReply({ status: 'rejected', reason: new NotFoundError('Live match not found') });
    const travelled = JSON.parse(JSON.stringify(reply)) as typeof reply;
    expect(() => fromReply(travelled)).toThrow(NotFoundError);
    expect(fromReply(toReply({ status: 'fulfilled', value: undefined }))).toBeNull();
  });
});
