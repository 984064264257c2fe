import { cloneState, createInitialState, Direction, makeGameConfig, step } from '@arena/engine';
import { AiPlayer, predictCrossingY } from './ai-player';

const config = makeGameConfig();
const DT = 1 / 60;

/** A whole match to 11 with the engine: `right` is the AI, `left` plays by `leftPolicy`. */
function match(
  ai: AiPlayer,
  leftPolicy: (tick: number, y: number, ballY: number) => Direction,
  seed: number,
) {
  const state = createInitialState(config, seed);
  for (let i = 0; i < 60 * 60 * 20 && state.phase !== 'over'; i++) {
    step(
      state,
      { left: leftPolicy(state.tick, state.paddles.left.y, state.ball.y), right: ai.decide(state) },
      DT,
      config,
    );
  }
  return state;
}

describe('AiPlayer', () => {
  it('predicts where the ball crosses a line, bouncing off the walls', () => {
    expect(predictCrossingY({ x: 400, y: 300, vx: 400, vy: 0 }, 765, config)).toBeCloseTo(300, 9);
    // 365 units to go at 45° downwards: 300 + 365 = 665 → reflected off the bottom (592) to 519.
    expect(predictCrossingY({ x: 400, y: 300, vx: 400, vy: 400 }, 765, config)).toBeCloseTo(519, 9);
    expect(predictCrossingY({ x: 400, y: 300, vx: -400, vy: 400 }, 765, config)).toBeNull();
  });

  it('looks at the game only once per second', () => {
    const ai = new AiPlayer('right', 'hard', config, 3);
    const state = createInitialState(config, 1);
    state.phase = 'playing';
    state.ball = { x: 400, y: 100, vx: 400, vy: 0 };
    const first: Direction[] = [];
    const other = cloneState(state);
    for (let tick = 0; tick < 59; tick++) {
      state.tick = tick;
      first.push(ai.decide(state));
    }
    // A twin AI that is shown a different ball between looks behaves identically.
    const twin = new AiPlayer('right', 'hard', config, 3);
    const second: Direction[] = [];
    for (let tick = 0; tick < 59; tick++) {
      other.tick = tick;
      if (tick > 0) other.ball = { x: 400, y: 500, vx: 400, vy: 0 };
      second.push(twin.decide(other));
    }
    expect(second).toEqual(first);
    expect(first.slice(2, 10)).toEqual(Array(8).fill('up'));
  });

  it('plays hard enough to beat a player who never moves', () => {
    const ai = new AiPlayer('right', 'hard', config, 11);
    const final = match(ai, () => 'stop', 11);
    expect(final.phase).toBe('over');
    expect(final.winner).toBe('right');
  });

  it('hard beats easy', () => {
    const hard = new AiPlayer('right', 'hard', config, 5);
    const easy = new AiPlayer('left', 'easy', config, 6);
    const state = createInitialState(config, 9);
    for (let i = 0; i < 60 * 60 * 30 && state.phase !== 'over'; i++) {
      step(state, { left: easy.decide(state), right: hard.decide(state) }, DT, config);
    }
    expect(state.winner).toBe('right');
  });

  it('is deterministic for a seed', () => {
    const run = () => {
      const ai = new AiPlayer('right', 'normal', config, 77);
      return match(ai, (tick) => (tick % 90 < 45 ? 'up' : 'down'), 21);
    };
    expect(run()).toEqual(run());
  });
});
