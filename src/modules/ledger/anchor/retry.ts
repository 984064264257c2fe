/**
 * Retries a background task until it succeeds or is stopped, waiting longer after each failure
 * (the last delay repeats). Used to record ledger hashes on chain without ever blocking a
 * tournament: an unreachable chain only delays its anchor.
 */
export interface RetryOptions {
  /** Waits between attempts, in ms. */
  delaysMs: readonly number[];
  sleep: (ms: number) => Promise<void>;
  /** Checked before every attempt: true ends the retries. */
  stopped: () => boolean;
  onFailure: (error: unknown, attempt: number) => void;
  /** false: this failure will not go away by waiting; stop and reject with it. */
  retryable?: (error: unknown) => boolean;
}

/** Resolves with the task's value, or with null once stopped; rejects on a failure not worth retrying. */
export async function retryUntilDone<T>(
  task: () => Promise<T>,
  options: RetryOptions,
): Promise<T | null> {
  for (let attempt = 1; !options.stopped(); attempt++) {
    try {
      return await task();
    } catch (error) {
      if (options.retryable && !options.retryable(error)) throw error;
      options.onFailure(error, attempt);
      const delays = options.delaysMs;
      await options.sleep(delays[Math.min(attempt - 1, delays.length - 1)]);
    }
  }
  return null;
}
