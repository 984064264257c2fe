/** `game:input`, the most frequent event, checked by hand (see parseGameInput). */
import { isUuid } from '../../../common/validation/uuid';
import { GameInputDto } from '../dto/game-events.dto';

const DIRECTIONS: ReadonlySet<unknown> = new Set(['up', 'down', 'stop']);
const SIDES: ReadonlySet<unknown> = new Set(['left', 'right']);
const INPUT_KEYS: ReadonlySet<string> = new Set(['matchId', 'direction', 'seq', 'side']);

/**
 * `game:input` checked by hand, for its rate (up to 120 a second per socket): the same rules as
 * GameInputDto through parsePayload, without building validation metadata per message. null for
 * anything parsePayload would refuse.
 */
export function parseGameInput(raw: unknown): GameInputDto | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const body = raw as Record<string, unknown>;
  for (const key of Object.keys(body)) if (!INPUT_KEYS.has(key)) return null;
  const { matchId, direction, seq, side } = body;
  if (!isUuid(matchId)) return null;
  if (!DIRECTIONS.has(direction)) return null;
  if (seq != null && (!Number.isSafeInteger(seq) || (seq as number) < 0)) return null;
  if (side != null && !SIDES.has(side)) return null;
  const input = new GameInputDto();
  input.matchId = matchId;
  input.direction = direction as GameInputDto['direction'];
  if (seq != null) input.seq = seq as number;
  if (side != null) input.side = side as GameInputDto['side'];
  return input;
}
