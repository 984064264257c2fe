/**
 * A room's tape replays the room: whatever reaches it (queued inputs in bursts, the computer's
 * moves, pauses that stop both paddles, resumes after a countdown), re-simulating its seed and
 * tape alone gives the room's state at every step.
 */
import {
  Direction,
  GameState,
  makeGameConfig,
  replay,
  Resimulation,
  verifyReplay,
  RULES_VERSION,
  sealReplay,
} from '@arena/engine';
import { AiPlayer } from '../ai/ai-player';
import { MatchRoom } from './match-room';

const DIRECTIONS: Direction[] = ['up', 'down', 'stop'];

/** A seeded RNG for the spec's own choices. */
function random(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) | 0;
    let x = Math.imul(t ^ (t >>> 15), t | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function newRoom(seed: number, winningScore: number) {
  return new MatchRoom(
    `m${seed}`,
    'ai',
    makeGameConfig({ winningScore }),
    {
      left: { side: 'left', userId: 'u1', alias: 'one', connected: true },
      right: { side: 'right', userId: null, alias: 'AI', connected: true },
    },
    seed * 104729,
    0,
    1_000,
  );
}

/** Drives a room like the loop and the gateway do; returns every state after a step. */
function play(seed: number, steps: number): { room: MatchRoom; states: GameState[] } {
  const next = random(seed);
  const room = newRoom(seed, 1 + (seed % 7));
  const ai = new AiPlayer('right', 'hard', room.config, seed);
  const states: GameState[] = [];
  const stepMs = 1000 / room.config.tickRate;
  let now = 0;
  for (let i = 0; i < steps * 3 && room.status !== 'finished' && states.length < steps; i++) {
    now += stepMs;
    // A burst of inputs now and then (queued; the room applies one per step).
    if (next() < 0.15) {
      const burst = 1 + Math.floor(next() * 4);
      for (let b = 0; b < burst; b++)
        room.queueInput('left', DIRECTIONS[Math.floor(next() * 3)], i);
    }
    if (room.status === 'playing') room.queueInput('right', ai.decide(room.state), null);
    if (room.status === 'playing' && next() < 0.003) room.pause('left', now + 15_000);
    if (room.status === 'paused' && next() < 0.05) room.resume(now, 200);
    if (room.tick(now).stepped) states.push(structuredClone(room.state));
  }
  return { room, states };
}

describe('MatchRoom tape', () => {
  it('re-simulates 200 rooms state for state from their seeds and tapes', () => {
    let compared = 0;
    let finished = 0;
    const divergences: { seed: number; tick: number }[] = [];
    for (let seed = 1; seed <= 200; seed++) {
      const { room, states } = play(seed, 2_000);
      const tape = room.tape();
      const resimulation = new Resimulation(tape.config, room.seed, tape.inputs);
      for (const state of states) {
        resimulation.advanceTo(state.tick);
        compared += 1;
        if (JSON.stringify(resimulation.state) !== JSON.stringify(state)) {
          divergences.push({ seed, tick: state.tick });
          break;
        }
      }
      if (room.status === 'finished') finished += 1;
    }
    expect(divergences).toEqual([]);
    expect(compared).toBeGreaterThan(100_000);
    expect(finished).toBeGreaterThan(10);
  });

  it('records a pause as both paddles stopping on the next step, and nothing while paused', () => {
    const room = newRoom(1, 11);
    room.tick(1_000);
    room.queueInput('left', 'up', 1);
    room.queueInput('right', 'down', null);
    room.tick(1_017);
    room.pause('left', 99_000);
    expect(room.tick(1_034).stepped).toBe(false);
    room.resume(1_050, 0);
    room.tick(1_050);
    expect(room.tape()).toEqual({
      engine: RULES_VERSION,
      config: room.config,
      inputs: [
        [2, 'left', 'up'],
        [2, 'right', 'down'],
        [3, 'left', 'stop'],
        [3, 'right', 'stop'],
      ],
      finalTick: 3,
    });
  });

  it('seals into a replay that verifies, finished or cut short', () => {
    for (const seed of [3, 4, 5, 6]) {
      const { room } = play(seed, seed % 2 ? 200_000 : 1_500);
      const tape = room.tape();
      const over = room.state.phase === 'over';
      const sealed = sealReplay({
        matchId: '3f1c2b8e-6a57-4e0b-9d1e-2c4f8a7b9e10',
        engine: tape.engine,
        config: tape.config,
        seed: room.seed,
        inputs: [...tape.inputs],
        final: {
          tick: tape.finalTick,
          score: { ...room.state.score },
          winnerSide: over ? room.state.winner : null,
          endReason: over ? 'score' : null,
        },
      });
      expect(verifyReplay(sealed)).toEqual({
        valid: true,
        score: room.state.score,
        ticks: room.state.tick,
      });
      expect(replay(room.seed, tape.config, tape.inputs, tape.finalTick)).toEqual(room.state);
    }
  });
});
