import { GameInputDto } from '../dto/game-events.dto';
import { parsePayload } from '../../../common/validation/parse-payload';
import { parseGameInput } from './game-input';

/** What the class-validator path accepts, as the hand-written check must too. */
function viaDto(raw: unknown): GameInputDto | null {
  try {
    return parsePayload(GameInputDto, raw);
  } catch {
    return null;
  }
}

const id = '3f1c2a9e-8b7d-4c6e-9a5b-0d1e2f3a4b5c';

const PAYLOADS: [string, unknown][] = [
  ['a plain input', { matchId: id, direction: 'up' }],
  ['with seq', { matchId: id, direction: 'down', seq: 7 }],
  ['with seq 0 and a side', { matchId: id, direction: 'stop', seq: 0, side: 'right' }],
  ['seq null', { matchId: id, direction: 'up', seq: null }],
  ['side null', { matchId: id, direction: 'up', side: null }],
  ['an upper-case matchId', { matchId: id.toUpperCase(), direction: 'up' }],
  ['the nil UUID', { matchId: '00000000-0000-0000-0000-000000000000', direction: 'up' }],
  ['a version 7 matchId', { matchId: '019a0c4e-7b2d-7c3e-8f4a-5b6c7d8e9f01', direction: 'up' }],
  ['the largest seq', { matchId: id, direction: 'up', seq: Number.MAX_SAFE_INTEGER }],
  ['no payload', undefined],
  ['null', null],
  ['a string', 'up'],
  ['an array', [id, 'up']],
  ['no matchId', { direction: 'up' }],
  ['an empty matchId', { matchId: '', direction: 'up' }],
  ['a matchId of 36 letters', { matchId: 'x'.repeat(36), direction: 'up' }],
  ['a matchId too long', { matchId: `${id}0`, direction: 'up' }],
  ['a matchId in braces', { matchId: `{${id}}`, direction: 'up' }],
  ['a matchId without dashes', { matchId: id.replace(/-/g, ''), direction: 'up' }],
  ['a matchId with U+0000', { matchId: `${id.slice(0, 35)}\u0000`, direction: 'up' }],
  ['a numeric matchId', { matchId: 42, direction: 'up' }],
  ['no direction', { matchId: id }],
  ['an unknown direction', { matchId: id, direction: 'left' }],
  ['a negative seq', { matchId: id, direction: 'up', seq: -1 }],
  ['a fractional seq', { matchId: id, direction: 'up', seq: 1.5 }],
  ['a string seq', { matchId: id, direction: 'up', seq: '3' }],
  ['an unsafe seq', { matchId: id, direction: 'up', seq: 2 ** 60 }],
  ['an unknown side', { matchId: id, direction: 'up', side: 'both' }],
  ['an unknown field', { matchId: id, direction: 'up', speed: 9000 }],
];

/** What the game reads of an input: absent and null mean the same. */
const seen = (input: GameInputDto | null) =>
  input && {
    matchId: input.matchId,
    direction: input.direction,
    seq: input.seq ?? null,
    side: input.side ?? null,
  };

describe('parseGameInput', () => {
  it.each(PAYLOADS)('agrees with GameInputDto on %s', (_name, raw) => {
    expect(seen(parseGameInput(raw))).toEqual(seen(viaDto(raw)));
  });

  it('takes a matchId of any UUID shape, and nothing else', () => {
    const accepted = PAYLOADS.filter(([, raw]) => parseGameInput(raw) !== null).map(
      ([name]) => name,
    );
    expect(accepted).toEqual([
      'a plain input',
      'with seq',
      'with seq 0 and a side',
      'seq null',
      'side null',
      'an upper-case matchId',
      'the nil UUID',
      'a version 7 matchId',
      'the largest seq',
    ]);
  });

  it('is stricter on one point: an own `__proto__` key is an unknown field', () => {
    const raw: unknown = JSON.parse(`{"matchId":"${id}","direction":"up","__proto__":{"x":1}}`);
    expect(parseGameInput(raw)).toBeNull();
  });

  it('answers an instance of the DTO with only the fields sent', () => {
    const input = parseGameInput({ matchId: id, direction: 'up', seq: 3 });
    expect(input).toBeInstanceOf(GameInputDto);
    expect(input).toEqual(
      Object.assign(new GameInputDto(), { matchId: id, direction: 'up', seq: 3 }),
    );
  });
});
