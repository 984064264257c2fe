/** Every entity, listed explicitly so the app, the TypeORM CLI and tests share one list. */
import { ApiKey } from '../modules/auth/entities/api-key.entity';
import { Identity } from '../modules/auth/entities/identity.entity';
import { RefreshToken } from '../modules/auth/entities/refresh-token.entity';
import { SignInFlow } from '../modules/auth/entities/sign-in-flow.entity';
import { Session } from '../modules/auth/entities/session.entity';
import { TwoFactorChallenge } from '../modules/auth/entities/two-factor-challenge.entity';
import { ChatBan } from '../modules/chat/entities/chat-ban.entity';
import { ChatInvite } from '../modules/chat/entities/chat-invite.entity';
import { ChatMember } from '../modules/chat/entities/chat-member.entity';
import { ChatMessage } from '../modules/chat/entities/chat-message.entity';
import { Conversation } from '../modules/chat/entities/conversation.entity';
import { Notification } from '../modules/notifications/entities/notification.entity';
import { MatchPlayer } from '../modules/matches/entities/match-player.entity';
import { MatchReplay } from '../modules/matches/entities/match-replay.entity';
import { Match } from '../modules/matches/entities/match.entity';
import { Block } from '../modules/social/entities/block.entity';
import { FriendRequest } from '../modules/social/entities/friend-request.entity';
import { Friendship } from '../modules/social/entities/friendship.entity';
import { LedgerEntry } from '../modules/ledger/entities/ledger-entry.entity';
import { TournamentParticipant } from '../modules/tournaments/entities/tournament-participant.entity';
import { Tournament } from '../modules/tournaments/entities/tournament.entity';
import { User } from '../modules/users/entities/user.entity';
import { RowCount } from './row-count.entity';

export const ENTITIES = [
  User,
  Session,
  RefreshToken,
  TwoFactorChallenge,
  Identity,
  ApiKey,
  SignInFlow,
  Match,
  MatchPlayer,
  MatchReplay,
  FriendRequest,
  Friendship,
  Block,
  Tournament,
  TournamentParticipant,
  LedgerEntry,
  Conversation,
  ChatMember,
  ChatMessage,
  ChatBan,
  ChatInvite,
  Notification,
  RowCount,
];
