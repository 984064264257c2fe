import { retryUntilDone } from './retry';

describe('retryUntilDone', () => {
  it('retries with growing waits until the task succeeds, repeating the last wait', async () => {
    const waits: number[] = [];
    const failures: number[] = [];
    let calls = 0;
    const value = await retryUntilDone(
      () => {
        calls += 1;
        return calls < 5 ? Promise.reject(new Error(`down ${calls}`)) : Promise.resolve('done');
      },
      {
        delaysMs: [10, 20, 40],
        sleep: (ms) => {
          waits.push(ms);
          return Promise.resolve();
        },
        stopped: () => false,
        onFailure: (_error, attempt) => failures.push(attempt),
      },
    );
    expect(value).toBe('done');
    expect(waits).toEqual([10, 20, 40, 40]);
    expect(failures).toEqual([1, 2, 3, 4]);
  });

  it('gives up with null once stopped', async () => {
    let stop = false;
    let calls = 0;
    const value = await retryUntilDone(
      () => {
        calls += 1;
        if (calls === 3) stop = true;
        return Promise.reject(new Error('down'));
      },
      {
        delaysMs: [1],
        sleep: () => Promise.resolve(),
        stopped: () => stop,
        onFailure: () => undefined,
      },
    );
    expect(value).toBeNull();
    expect(calls).toBe(3);
  });

  it('stops at once on a failure that waiting cannot fix', async () => {
    let calls = 0;
    const attempt = retryUntilDone(
      () => {
        calls += 1;
        return Promise.reject(new Error(calls === 1 ? 'busy' : 'wrong key'));
      },
      {
        delaysMs: [1],
        sleep: () => Promise.resolve(),
        stopped: () => false,
        onFailure: () => undefined,
        retryable: (error) => (error as Error).message === 'busy',
      },
    );
    await expect(attempt).rejects.toThrow('wrong key');
    expect(calls).toBe(2);
  });
});
