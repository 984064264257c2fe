/** Drives a test app's game loop on its manual clock: no test waits for game time. */
import { ManualClock } from '../../src/common/clock/clock';
import { GameService } from '../../src/modules/game/game.service';
import type { TestApp } from './test-app';

export function gameDriver(t: () => TestApp, clock: ManualClock) {
  return {
    /** Advances the server's clock by `steps` ticks, running the loop as it goes. */
    play(steps: number): void {
      const loop = t().app.get(GameService).loop;
      for (let i = 0; i < steps; i++) {
        clock.advance(loop.stepMs);
        loop.pump();
      }
    },
    /** Plays in slices until `done()` holds, letting socket traffic through between slices. */
    async playUntil(done: () => boolean, maxSeconds = 120): Promise<void> {
      const loop = t().app.get(GameService).loop;
      for (let second = 0; second < maxSeconds && !done(); second++) {
        for (let i = 0; i < 60; i++) {
          clock.advance(loop.stepMs);
          loop.pump();
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };
}
