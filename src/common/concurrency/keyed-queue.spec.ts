import { KeyedQueue } from './keyed-queue';

/** A task that records when it starts and ends, finishing when `release()` is called. */
function gate(log: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return {
    task: async () => {
      log.push(`${name}:start`);
      await done;
      log.push(`${name}:end`);
      return name;
    },
    release: () => release(),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedQueue', () => {
  it('runs tasks of one key one at a time, in order, and other keys alongside', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const a1 = gate(log, 'a1');
    const a2 = gate(log, 'a2');
    const b1 = gate(log, 'b1');
    const results = [queue.run('a', a1.task), queue.run('a', a2.task), queue.run('b', b1.task)];
    await tick();
    expect(log).toEqual(['a1:start', 'b1:start']);
    a1.release();
    await tick();
    expect(log).toEqual(['a1:start', 'b1:start', 'a1:end', 'a2:start']);
    a2.release();
    b1.release();
    await expect(Promise.all(results)).resolves.toEqual(['a1', 'a2', 'b1']);
    await tick();
    expect(queue.size).toBe(0);
  });

  it('goes on with the next task after one fails, and hands each caller its own outcome', async () => {
    const queue = new KeyedQueue();
    const failing = queue.run('a', () => Promise.reject(new Error('boom')));
    const next = queue.run('a', () => Promise.resolve(2));
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe(2);
  });
});
