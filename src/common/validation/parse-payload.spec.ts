import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { parsePayload } from './parse-payload';

class JoinQueue {
  @IsIn(['ranked', 'casual'])
  mode!: string;

  @IsOptional()
  @IsUUID()
  partyId?: string;
}

describe('parsePayload', () => {
  it('returns a typed instance of a valid payload', () => {
    expect(parsePayload(JoinQueue, { mode: 'ranked' })).toEqual(
      Object.assign(new JoinQueue(), { mode: 'ranked' }),
    );
  });

  it.each([null, undefined, 'ranked', 42, ['ranked']])('refuses %p as a payload', (raw) => {
    expect(() => parsePayload(JoinQueue, raw)).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });

  it('lists every broken rule and refuses unknown fields', () => {
    expect(() => parsePayload(JoinQueue, { mode: 'blitz', partyId: 'x', admin: true })).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        details: expect.arrayContaining([
          'property admin should not exist',
          expect.stringContaining('mode must be one of'),
          'partyId must be a UUID',
        ]),
      }),
    );
  });
});
