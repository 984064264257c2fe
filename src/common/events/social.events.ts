/**
 * Friends, as domain events other modules answer in their own code (the inbox): emitted by the
 * social module once the change is committed.
 */
export const FRIEND_REQUEST_SENT = 'social.friend-request-sent';
export const FRIENDSHIP_ACCEPTED = 'social.friendship-accepted';

export class FriendRequestSent {
  constructor(
    readonly requestId: string,
    readonly fromId: string,
    readonly toId: string,
  ) {}
}

/** `accepterId` accepted (or answered with a request of their own) `requesterId`'s request. */
export class FriendshipAccepted {
  constructor(
    readonly requesterId: string,
    readonly accepterId: string,
  ) {}
}
