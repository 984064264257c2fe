/** The game's domain events other modules answer in their own code (the inbox). */
export const CHALLENGE_SENT = 'game.challenge-sent';

/** A private challenge is open (from `/game` or a chat invite). */
export class ChallengeSent {
  constructor(
    readonly challengeId: string,
    readonly fromId: string,
    readonly toId: string,
    /** Epoch ms. */
    readonly expiresAt: number,
  ) {}

  static of(challenge: { id: string; fromId: string; toId: string; expiresAt: number }) {
    return new ChallengeSent(challenge.id, challenge.fromId, challenge.toId, challenge.expiresAt);
  }
}
