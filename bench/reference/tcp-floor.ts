/**
 * The machine's own floor under bench:game: what it costs one process just to write a state-sized
 * message (250 bytes, in one writev as a WebSocket frame is) 60 times a second to each of 2N
 * loopback TCP sockets, with no Socket.IO, no WebSocket framing and no game. Prints that process's
 * CPU per "match-second" (two sockets per match), the figure bench:game compares with its goal.
 *
 *   npx ts-node --transpile-only bench/reference/tcp-floor.ts            # 50 matches, 10 s
 *   npx ts-node --transpile-only bench/reference/tcp-floor.ts --matches 10 --duration 5
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { createConnection, createServer, Socket } from 'node:net';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    matches: { type: 'string', default: '50' },
    duration: { type: 'string', default: '10' },
    client: { type: 'string' },
  },
});
const sockets = Number(values.matches) * 2;

async function client(port: number): Promise<void> {
  // The readers live in their own process, as bench:game's bots do.
  for (let i = 0; i < sockets; i++) {
    createConnection(port, '127.0.0.1')
      .setNoDelay(true)
      .on('data', () => undefined);
  }
  await once(process, 'disconnect');
  process.exit(0);
}

async function server(): Promise<void> {
  const peers: Socket[] = [];
  const listener = createServer((socket) => peers.push(socket.setNoDelay(true)));
  listener.listen(0, '127.0.0.1');
  await once(listener, 'listening');
  const { port } = listener.address() as { port: number };
  const readers = fork(
    __filename,
    ['--matches', String(values.matches), '--client', String(port)],
    {
      execArgv: process.execArgv,
    },
  );
  while (peers.length < sockets) await new Promise((resolve) => setTimeout(resolve, 50));

  const header = Buffer.alloc(2, 0x81);
  const payload = Buffer.alloc(250, 0x61);
  const timer = setInterval(() => {
    for (const peer of peers) {
      peer.cork();
      peer.write(header);
      peer.write(payload);
      peer.uncork();
    }
  }, 1000 / 60);
  await new Promise((resolve) => setTimeout(resolve, 1000)); // warm-up
  const before = process.cpuUsage();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, Number(values.duration) * 1000));
  const cpu = process.cpuUsage(before);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  readers.disconnect();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const round = (value: number) => Math.round(value * 1000) / 1000;
  process.stdout.write(
    `${JSON.stringify(
      {
        bench: 'tcp-floor',
        node: process.version,
        matches: sockets / 2,
        sockets,
        writesPerSecond: sockets * 60,
        cpuMsPerMatchSecond: round(cpuMs / seconds / (sockets / 2)),
        microsecondsPerWrite: round((cpuMs * 1000) / seconds / (sockets * 60)),
        systemPercent: round((cpu.system / (cpu.user + cpu.system)) * 100),
      },
      null,
      2,
    )}\n`,
  );
  process.exit(0);
}

(values.client ? client(Number(values.client)) : server()).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
