/**
 * Reads a .cpuprofile (from a bench's `--profile`) and prints where the time went: self time by
 * function and by package (or Arena's own folder), and total (inclusive) time of the functions
 * that match an optional filter.
 *
 *   npx ts-node --transpile-only bench/support/profile-summary.ts /tmp/arena-http/arena-usersMe.cpuprofile
 *   npx ts-node --transpile-only bench/support/profile-summary.ts <file> --top 40 --match Sessions
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' }, match: { type: 'string' } },
});
const top = Number(values.top);
const profile = JSON.parse(readFileSync(positionals[0], 'utf8')) as CpuProfile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parent.set(child, node.id);

const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...selfUs.values()].reduce((sum, us) => sum + us, 0);
const idle = [...selfUs].reduce(
  (sum, [id, us]) => (byId.get(id)?.callFrame.functionName === '(idle)' ? sum + us : sum),
  0,
);
const busy = total - idle;

function where(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const dist = url.indexOf('/dist/');
  if (dist >= 0)
    return `arena:${
      url
        .slice(dist + 6)
        .split('/')
        .slice(0, -1)
        .join('/') || '.'
    }`;
  if (url.startsWith('node:')) return url;
  return url ? 'other' : '(native/V8)';
}

const label = (node: ProfileNode) =>
  `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*\/(node_modules|dist)\//, '')}:${node.callFrame.lineNumber + 1}`;

const percent = (us: number) => `${((us / busy) * 100).toFixed(1).padStart(5)} %`;

function print(title: string, entries: Map<string, number>): void {
  process.stdout.write(`\n${title}\n`);
  for (const [key, us] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${percent(us)}  ${key}\n`);
  }
}

/** The package of the nearest frame with a script, so native work counts for its caller. */
function callerPackage(id: number): string {
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const url = (byId.get(at) as ProfileNode).callFrame.url;
    if (url) return where(url);
  }
  return (byId.get(id) as ProfileNode).callFrame.functionName; // GC, (program), …
}

const selfByFunction = new Map<string, number>();
const selfByPackage = new Map<string, number>();
const byCallerPackage = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id) as ProfileNode;
  if (node.callFrame.functionName === '(idle)') continue;
  selfByFunction.set(label(node), (selfByFunction.get(label(node)) ?? 0) + us);
  const pkg = where(node.callFrame.url);
  selfByPackage.set(pkg, (selfByPackage.get(pkg) ?? 0) + us);
  const caller = callerPackage(id);
  byCallerPackage.set(caller, (byCallerPackage.get(caller) ?? 0) + us);
}

process.stdout.write(
  `${positionals[0]}: ${(total / 1e6).toFixed(2)} s sampled, ${((busy / total) * 100).toFixed(1)} % busy; percentages are of busy time\n`,
);
print('Self time by package', selfByPackage);
print('Self time by package, native work counted for its JavaScript caller', byCallerPackage);
print('Self time by function', selfByFunction);

if (values.match) {
  // Inclusive time: each sample counts once for every distinct matching frame on its stack.
  const pattern = new RegExp(values.match);
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = label(byId.get(at) as ProfileNode);
      if (!seen.has(key) && pattern.test(key)) {
        seen.add(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + us);
      }
    }
  }
  print(`Total time of functions matching /${values.match}/`, inclusive);
}
