/** Helpers for engine scenario specs: a state in play with the ball where the scenario wants it. */
import { createInitialState } from './engine';
import { makeGameConfig } from './engine.constants';
import type { Ball, GameConfig, GameState, PaddleInputs } from './engine.types';

export const DT = 1 / 60;
export const STILL: PaddleInputs = { left: 'stop', right: 'stop' };

export function playing(
  ball: Partial<Ball>,
  overrides: Partial<GameConfig> = {},
  seed = 1,
): { state: GameState; config: GameConfig } {
  const config = makeGameConfig(overrides);
  const state = createInitialState(config, seed);
  state.phase = 'playing';
  state.ball = { x: config.width / 2, y: config.height / 2, vx: 0, vy: 0, ...ball };
  return { state, config };
}
