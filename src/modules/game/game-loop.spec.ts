import { ManualClock } from '../../common/clock/clock';
import { GameLoop, MAX_CATCH_UP, TIMER_SLACK_MS } from './game-loop';

describe('GameLoop', () => {
  function loop() {
    const clock = new ManualClock(0);
    const steps: number[] = [];
    const l = new GameLoop(clock, 60, (now) => steps.push(now));
    return { clock, steps, loop: l };
  }

  it('turns elapsed time into whole fixed steps, carrying the remainder', () => {
    const { clock, steps, loop: l } = loop();
    clock.advance(10);
    expect(l.pump()).toBe(0);
    clock.advance(10);
    expect(l.pump()).toBe(1);
    clock.advance((1000 / 60) * 2);
    expect(l.pump()).toBe(2);
    expect(steps).toHaveLength(3);
  });

  it('runs 60 steps for one second in small slices', () => {
    const { clock, loop: l } = loop();
    let total = 0;
    for (let i = 0; i < 100; i++) {
      clock.advance(10);
      total += l.pump();
    }
    expect(total).toBe(60);
  });

  it('caps catch-up after a stall and drops the backlog', () => {
    const { clock, loop: l } = loop();
    clock.advance(5_000);
    expect(l.pump()).toBe(MAX_CATCH_UP);
    clock.advance(1000 / 60);
    expect(l.pump()).toBe(1);
  });

  it('with timer slack, runs a step found a fraction of a millisecond short instead of waking again', () => {
    const { clock, loop: l } = loop();
    clock.advance(16);
    expect(l.pump()).toBe(0);
    expect(l.pump(TIMER_SLACK_MS)).toBe(1);
  });

  it('with timer slack, still steps exactly 60 times a second', () => {
    const { clock, steps, loop: l } = loop();
    for (let i = 0; i < 3000; i++) {
      clock.advance(1);
      l.pump(TIMER_SLACK_MS);
    }
    expect(steps).toHaveLength(180);
    // Each step still carries its own scheduled time, whenever the wake ran it.
    steps.forEach((at, k) => expect(at).toBeCloseTo(((k + 1) * 1000) / 60, 6));
  });
});
