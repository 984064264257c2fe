import { isValidUsername, usernameBase, usernameCandidates } from './usernames';

describe('usernames from a provider', () => {
  it.each([
    [['alice'], 'alice'],
    [['Zoë Martin'], 'Zoe_Martin'],
    [['jean.dupont@example.com'], 'jean_dupontexample_c'],
    [['  --x--  ', 'bob'], 'bob'],
    [['李', null, undefined, ''], 'player'],
    [['deleted-123'], 'player'],
    [['a-very-long-preferred-username'], 'a-very-long-preferre'],
  ])('cleans %j into %s', (names, base) => {
    expect(usernameBase(names)).toBe(base);
    expect(isValidUsername(base)).toBe(true);
  });

  it('tries the base, then numbered variants, then random ones, all valid', () => {
    let draw = 0;
    const candidates = [...usernameCandidates('a-very-long-preferre', () => (draw += 7))];
    expect(candidates.slice(0, 3)).toEqual([
      'a-very-long-preferre',
      'a-very-long-preferr2',
      'a-very-long-preferr3',
    ]);
    expect(candidates[9]).toBe('a-very-long-p_000007');
    expect(candidates).toHaveLength(17);
    expect(new Set(candidates).size).toBe(17);
    for (const name of candidates) expect(isValidUsername(name)).toBe(true);
  });
});
