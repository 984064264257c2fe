/**
 * The Socket.IO rooms every namespace uses. With the Redis adapter a room spans every node, so
 * an emit to a user's room reaches all of the user's sockets wherever they are connected.
 */

/** The room every socket of one user joins, so an event reaches all of the user's tabs. */
export const userRoom = (userId: string) => `user:${userId}`;
/** The room of every socket opened with one session (login), so revoking it ends them all. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** The room of a match's players' sockets and its spectators. */
export const matchRoom = (matchId: string) => `match:${matchId}`;
