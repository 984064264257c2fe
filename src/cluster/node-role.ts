/**
 * What each role serves over HTTP. `api` and `all` serve everything (an `api` node has no
 * Socket.IO server at all); a `game` node serves its `/game` sockets and what operators and load
 * balancers ask of every node (liveness, readiness, metrics), and leaves REST to the api nodes,
 * so no request competes with its tick loop.
 */

export const GAME_NODE_REST_MESSAGE =
  'This node (ARENA_ROLE=game) serves the /game sockets, /health and /metrics; the REST API is served by api nodes';

/** Whether a `game` node answers this URL. */
export function gameNodeAnswers(url: string): boolean {
  const path = url.split('?', 1)[0];
  return (
    path === '/health' ||
    path === '/health/ready' ||
    path === '/metrics' ||
    path.startsWith('/socket.io/')
  );
}
