/**
 * What Arena keeps of a provider's answer about a person, and how each kind of answer maps to
 * it: OpenID Connect claims (ID token and user info), 42's `/v2/me`, and a plain OAuth 2.0
 * user-info document. Pure, so each mapping is tested on its own.
 */

/** A person as a provider describes them. */
export interface ProviderProfile {
  /** The provider's stable id for the person: the identity's key with the provider's id. */
  subject: string;
  email: string | null;
  /** True only when the provider vouches for the email (an unverified one is never used). */
  emailVerified: boolean;
  /** Names to make a username from, best first. */
  preferredNames: string[];
  displayName: string | null;
}

/** The answer could not be read as a person (no subject). */
export class ProfileUnreadableError extends Error {
  constructor(what: string) {
    super(`The provider's answer has no usable ${what}`);
    this.name = 'ProfileUnreadableError';
  }
}

type Json = Record<string, unknown>;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/** A subject: a non-empty string, or an integer id (42's), at most 255 characters. */
function subjectOf(value: unknown): string {
  const subject =
    typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : text(value);
  if (subject === null || subject.length > 255) throw new ProfileUnreadableError('subject');
  return subject;
}

function emailOf(value: unknown): string | null {
  const email = text(value);
  return email !== null && email.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(email)
    ? email.toLowerCase()
    : null;
}

const names = (...values: unknown[]) =>
  values.map(text).filter((value): value is string => value !== null);

/** OpenID Connect: the ID token's claims, completed by the user-info answer when there is one. */
export function oidcProfile(idToken: Json, userinfo: Json = {}): ProviderProfile {
  const claims = { ...userinfo, ...idToken };
  const email = emailOf(userinfo.email ?? idToken.email);
  const verified = (userinfo.email_verified ?? idToken.email_verified) === true;
  return {
    subject: subjectOf(idToken.sub),
    email,
    emailVerified: email !== null && verified,
    preferredNames: names(
      claims.preferred_username,
      claims.nickname,
      claims.given_name,
      claims.name,
      email?.split('@')[0],
    ),
    displayName: text(claims.name) ?? text(claims.nickname) ?? text(claims.preferred_username),
  };
}

/**
 * 42's `/v2/me`: `id` (an integer), `login`, `email`, `displayname`. The email is the one 42
 * gave the student, so 42 vouches for it.
 */
export function fortyTwoProfile(me: Json): ProviderProfile {
  const email = emailOf(me.email);
  return {
    subject: subjectOf(me.id),
    email,
    emailVerified: email !== null,
    preferredNames: names(me.login, me.usual_first_name, me.first_name),
    displayName: text(me.displayname) ?? text(me.usual_full_name) ?? text(me.login),
  };
}

/**
 * Any other OAuth 2.0 user-info document: `sub` or `id`, a name among the usual fields, and an
 * email only with `email_verified: true`.
 */
export function genericProfile(info: Json): ProviderProfile {
  const email = emailOf(info.email);
  return {
    subject: subjectOf(info.sub ?? info.id),
    email,
    emailVerified: email !== null && info.email_verified === true,
    preferredNames: names(
      info.preferred_username,
      info.login,
      info.username,
      info.nickname,
      info.name,
    ),
    displayName: text(info.name) ?? text(info.display_name) ?? text(info.login),
  };
}
