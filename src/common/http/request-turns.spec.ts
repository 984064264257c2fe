import { RequestTurns } from './request-turns';

/** A defer that the test runs by hand: each call is one turn of the event loop. */
function manualTurns() {
  const pending: (() => void)[] = [];
  const turns = new RequestTurns((next) => pending.push(next));
  return {
    turns,
    /** Runs the turns due now (not those they schedule), as one pass of the check phase. */
    tick: () => pending.splice(0).forEach((run) => run()),
    pending,
  };
}

describe('RequestTurns', () => {
  it('runs one request per turn, in arrival order', () => {
    const { turns, tick } = manualTurns();
    const ran: string[] = [];
    for (const name of ['a', 'b', 'c']) turns.enqueue(() => ran.push(name));
    expect(ran).toEqual([]);
    tick();
    expect(ran).toEqual(['a']);
    tick();
    expect(ran).toEqual(['a', 'b']);
    turns.enqueue(() => ran.push('d'));
    tick();
    tick();
    expect(ran).toEqual(['a', 'b', 'c', 'd']);
    expect(turns.length).toBe(0);
  });

  it('schedules nothing once the queue is empty, and starts again on the next request', () => {
    const { turns, tick, pending } = manualTurns();
    const ran: number[] = [];
    turns.enqueue(() => ran.push(1));
    tick();
    expect(pending).toHaveLength(0);
    turns.enqueue(() => ran.push(2));
    expect(pending).toHaveLength(1);
    tick();
    expect(ran).toEqual([1, 2]);
  });

  it('lets timers run between two requests on the real event loop', async () => {
    const turns = new RequestTurns();
    const order: string[] = [];
    const done = new Promise<void>((resolve) => {
      turns.enqueue(() => {
        order.push('first');
        setTimeout(() => order.push('timer'), 0);
        const until = Date.now() + 3;
        while (Date.now() < until); // a request's work, long enough for the timer to be due
      });
      turns.enqueue(() => {
        order.push('second');
        resolve();
      });
    });
    await done;
    expect(order).toEqual(['first', 'timer', 'second']);
  });
});
