/**
 * Pushes `/chat` events to users, wherever their sockets are (through the user rooms, so the
 * Redis adapter carries them to every node). Bound at start-up to the `/chat` namespace a
 * gateway serves, or on an `api` node to the broadcast-only one (see RealtimeBroadcast).
 */
import { Injectable } from '@nestjs/common';
import type { ChatServerEvents } from '../modules/chat/chat.events';
import { NamespaceNotifier } from './namespace-notifier';

export const CHAT_NAMESPACE = '/chat';

@Injectable()
export class ChatNotifier extends NamespaceNotifier<ChatServerEvents> {
  constructor() {
    super(CHAT_NAMESPACE);
  }
}
