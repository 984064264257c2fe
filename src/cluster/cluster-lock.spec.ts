import { ManualClock } from '../common/clock/clock';
import { InMemoryClusterLock } from './cluster-lock';
import { SingleNode } from './cluster-nodes';

describe('InMemoryClusterLock', () => {
  it('gives one lease at a time until it is released or runs out', async () => {
    const clock = new ManualClock(1_000);
    const lock = new InMemoryClusterLock(clock);
    const first = await lock.acquire('resume', 1000);
    expect(first).not.toBeNull();
    await expect(lock.acquire('resume', 1000)).resolves.toBeNull();
    await expect(lock.acquire('other', 1000)).resolves.not.toBeNull();
    clock.advance(1000);
    const second = await lock.acquire('resume', 1000);
    expect(second).not.toBeNull();
    // The expired lease can neither renew nor release the new holder's.
    await expect(first?.renew(1000)).resolves.toBe(false);
    await first?.release();
    await expect(lock.acquire('resume', 1000)).resolves.toBeNull();
    await expect(second?.renew(5000)).resolves.toBe(true);
    clock.advance(4000);
    await expect(lock.acquire('resume', 1000)).resolves.toBeNull();
    await second?.release();
    await expect(lock.acquire('resume', 1000)).resolves.not.toBeNull();
  });

  it('runs a task exclusively, and says when the lock could not be had', async () => {
    const lock = new InMemoryClusterLock(new ManualClock(0));
    let release!: () => void;
    const held = lock.runExclusive(
      'job',
      () => new Promise<string>((done) => (release = () => done('first'))),
    );
    await expect(lock.runExclusive('job', () => Promise.resolve('second'))).resolves.toEqual({
      ran: false,
    });
    const waiting = lock.runExclusive('job', () => Promise.resolve('third'), { waitMs: 5000 });
    release();
    await expect(held).resolves.toEqual({ ran: true, value: 'first' });
    await expect(waiting).resolves.toEqual({ ran: true, value: 'third' });
  });

  it('releases the lock when the task fails', async () => {
    const lock = new InMemoryClusterLock(new ManualClock(0));
    await expect(lock.runExclusive('job', () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    await expect(lock.runExclusive('job', () => Promise.resolve(1))).resolves.toEqual({
      ran: true,
      value: 1,
    });
  });
});

describe('SingleNode', () => {
  it('is the whole cluster, and its eldest', async () => {
    const node = new SingleNode({ nodeId: 'n1', role: 'all', joined: 1, startedAt: 0 });
    await expect(node.live()).resolves.toEqual([node.self]);
    await expect(node.isEldest()).resolves.toBe(true);
  });
});
