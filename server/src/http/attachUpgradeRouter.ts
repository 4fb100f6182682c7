// Routes WebSocket upgrades on the shared node:http server: /yjs/* to our y-websocket gateway,
// /socket.io/* to socket.io (which is attached with destroyUpgrade: false so it leaves ours alone),
// and anything else is refused here.
import type { Server } from 'node:http';
import { stripQuery } from '../observability/createLogger.ts';
import { YJS_PATH_PREFIX, type YjsGateway } from '../yjs/YjsGateway.ts';

export const SOCKET_IO_PATH = '/socket.io';

export function attachUpgradeRouter(server: Server, gateway: YjsGateway): void {
  server.on('upgrade', (req, socket, head) => {
    const path = stripQuery(req.url) ?? '';
    if (path.startsWith(YJS_PATH_PREFIX)) return gateway.handleUpgrade(req, socket, head);
    if (path.startsWith(`${SOCKET_IO_PATH}/`)) return; // engine.io's own upgrade listener takes it
    socket.on('error', () => {});
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    setTimeout(() => socket.destroy(), 1000).unref();
  });
}
