import { Semaphore } from './semaphore';

/** A task that finishes when told to, recording when it started. */
function gate(log: string[], name: string) {
  let finish!: (value: string) => void;
  const done = new Promise<string>((resolve) => (finish = resolve));
  return {
    task: () => {
      log.push(`start ${name}`);
      return done;
    },
    finish: () => finish(name),
  };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('Semaphore', () => {
  it('runs at most `permits` tasks at once and starts the others first come, first served', async () => {
    const semaphore = new Semaphore(2);
    const log: string[] = [];
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => gate(log, name));
    const results = [a, b, c, d].map((g) => semaphore.run(g.task));
    await flush();
    expect(log).toEqual(['start a', 'start b']);
    expect([semaphore.running, semaphore.waiting]).toEqual([2, 2]);

    b.finish();
    await flush();
    expect(log).toEqual(['start a', 'start b', 'start c']);
    a.finish();
    await flush();
    expect(log).toEqual(['start a', 'start b', 'start c', 'start d']);
    c.finish();
    d.finish();
    await expect(Promise.all(results)).resolves.toEqual(['a', 'b', 'c', 'd']);
    expect([semaphore.running, semaphore.waiting]).toEqual([0, 0]);
  });

  it('frees the permit of a task that fails, and passes its error on', async () => {
    const semaphore = new Semaphore(1);
    const failing = semaphore.run(() => Promise.reject(new Error('argon2 broke')));
    const next = semaphore.run(() => Promise.resolve('next'));
    await expect(failing).rejects.toThrow('argon2 broke');
    await expect(next).resolves.toBe('next');
    expect(semaphore.running).toBe(0);
  });

  it('lets a newcomer wait behind the queue even when a permit is being handed over', async () => {
    const semaphore = new Semaphore(1);
    const log: string[] = [];
    const [a, b] = ['a', 'b'].map((name) => gate(log, name));
    const first = semaphore.run(a.task);
    const second = semaphore.run(b.task);
    a.finish();
    await first;
    // a's permit went to b, which may not have started yet: c must still wait behind it.
    const third = semaphore.run(() => {
      log.push('start c');
      return Promise.resolve('c');
    });
    await flush();
    expect(log).toEqual(['start a', 'start b']);
    b.finish();
    await Promise.all([second, third]);
    expect(log).toEqual(['start a', 'start b', 'start c']);
  });

  it('needs at least one permit', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
    expect(() => new Semaphore(1.5)).toThrow(RangeError);
  });
});
