import 'reflect-metadata';
import { GAME_CONFIG_KEYS, REPLAY_FINAL_KEYS, REPLAY_KEYS } from '@arena/engine';
import { ReplayConfigDto, ReplayDto, ReplayFinalDto } from './replay.dto';

/** Where @nestjs/swagger's @ApiProperty lists a class's properties (as `:name`). */
const API_MODEL_PROPERTIES = 'swagger/apiModelPropertiesArray';

/** The properties Swagger documents for a DTO class. */
function documented(dto: abstract new () => unknown): string[] {
  const names = Reflect.getMetadata(API_MODEL_PROPERTIES, dto.prototype) as string[];
  return names.map((name) => name.replace(/^:/, '')).sort();
}

describe('Replay DTOs', () => {
  it('document exactly the fields the engine’s replay schema accepts', () => {
    expect(documented(ReplayDto)).toEqual([...REPLAY_KEYS].sort());
    expect(documented(ReplayFinalDto)).toEqual([...REPLAY_FINAL_KEYS].sort());
    expect(documented(ReplayConfigDto)).toEqual([...GAME_CONFIG_KEYS].sort());
  });
});
