/** Moved to src/realtime (shared by every namespace); this path stays for its importers. */
export { SocketIoUserNotifier, UserNotifier } from '../../realtime/user-notifier';
