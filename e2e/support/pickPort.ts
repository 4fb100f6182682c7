// Chooses a port synchronously (the config is not async): the preferred one when it is free (0: any),
// else any free port, so two runs on one machine (several people, CI agents) do not collide.
import { execFileSync } from 'node:child_process';

const probe = `
const net = require('node:net');
const want = Number(process.argv[1]);
const s = net.createServer();
s.once('error', () => { const t = net.createServer(); t.listen(0, '127.0.0.1', () => { process.stdout.write(String(t.address().port)); t.close(); }); });
s.listen(want, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); });
`;

export function pickPort(preferred: number): number {
  const out = execFileSync(process.execPath, ['-e', probe, String(preferred)], { encoding: 'utf8' });
  const port = Number(out.trim());
  if (!Number.isInteger(port) || port <= 0) throw new Error(`could not pick a port: ${out}`);
  return port;
}
