import {
  fortyTwoProfile,
  genericProfile,
  oidcProfile,
  ProfileUnreadableError,
} from './provider-profile';

describe('provider profiles', () => {
  it('reads OpenID Connect claims, user info completing the ID token', () => {
    expect(
      oidcProfile(
        { sub: 'abc-123', email: 'Ann@Example.com', email_verified: true },
        { preferred_username: 'ann', name: 'Ann Lee' },
      ),
    ).toEqual({
      subject: 'abc-123',
      email: 'ann@example.com',
      emailVerified: true,
      preferredNames: ['ann', 'Ann Lee', 'ann'],
      displayName: 'Ann Lee',
    });
  });

  it('never calls an OIDC email verified without email_verified: true', () => {
    expect(oidcProfile({ sub: 's', email: 'a@b.c' }).emailVerified).toBe(false);
    expect(oidcProfile({ sub: 's', email: 'a@b.c', email_verified: 'true' }).emailVerified).toBe(
      false,
    );
    expect(oidcProfile({ sub: 's', email_verified: true })).toMatchObject({
      email: null,
      emailVerified: false,
    });
  });

  it('takes the subject from the ID token, never from user info', () => {
    expect(oidcProfile({ sub: 'real' }, { sub: 'other' }).subject).toBe('real');
    expect(() => oidcProfile({}, { sub: 'other' })).toThrow(ProfileUnreadableError);
  });

  it('reads 42’s /v2/me: the integer id, the login, the school email', () => {
    expect(
      fortyTwoProfile({
        id: 424242,
        login: 'jdoe',
        email: 'jdoe@student.42.fr',
        displayname: 'John Doe',
      }),
    ).toEqual({
      subject: '424242',
      email: 'jdoe@student.42.fr',
      emailVerified: true,
      preferredNames: ['jdoe'],
      displayName: 'John Doe',
    });
    expect(() => fortyTwoProfile({ login: 'jdoe' })).toThrow(ProfileUnreadableError);
    expect(() => fortyTwoProfile({ id: 1.5 })).toThrow(ProfileUnreadableError);
  });

  it('reads a plain OAuth 2.0 user-info document', () => {
    expect(genericProfile({ id: 7, login: 'octo', email: 'o@x.io' })).toEqual({
      subject: '7',
      email: 'o@x.io',
      emailVerified: false,
      preferredNames: ['octo'],
      displayName: 'octo',
    });
    expect(genericProfile({ sub: 'u1', email: 'o@x.io', email_verified: true }).emailVerified).toBe(
      true,
    );
  });
});
