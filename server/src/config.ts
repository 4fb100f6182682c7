// Server configuration: one typed object read from environment variables, with documented
// defaults (docs/configuration.md). Every limit says which attack or failure it stops.
import path from 'node:path';
import { z } from 'zod';
import { proxyTrust, type TrustProxy } from './http/clientAddress.ts';
import { SCHEMA_PATTERN } from './storage/PostgresBoardStore.ts';

const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);

const EnvSchema = z.object({
  PORT: int(3000).pipe(z.number().max(65535)),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** PostgreSQL instead of the SQLite file in DATA_DIR (issue 12): postgres://user:password@host:port/database. */
  DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\/./.test(v), { message: 'expected postgres://user:password@host:port/database' })
    .optional(),
  /** Connections to PostgreSQL at most: one per board write in flight; the database's max_connections bounds the sum over servers. */
  DATABASE_POOL_SIZE: int(10, 1),
  /** PostgreSQL schema of the tables, created if missing: several independent sets of boards in one database. */
  DATABASE_SCHEMA: z.string().regex(SCHEMA_PATTERN, 'expected a lower-case identifier (a-z, 0-9, _)').optional(),
  /**
   * Several instances serve the same boards (issue 12): Yjs updates, presence and socket.io events go
   * between them over this Redis (redis://[:password@]host:port[/db]). Needs DATABASE_URL and LINK_KEY.
   */
  REDIS_URL: z
    .string()
    .refine((v) => /^rediss?:\/\/./.test(v), { message: 'expected redis://[:password@]host:port[/db] (or rediss:// for TLS)' })
    .optional(),
  /** Prefix of every Redis key and channel: several deployments (staging, production) on one Redis. */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_:.-]{1,64}$/, 'expected up to 64 letters, digits or _ : . -').default('wb:'),
  /** The address people use to reach the server; join links are built from it. */
  PUBLIC_URL: z.url().optional(),
  /** One WebSocket frame at most this big: stops memory exhaustion by a single huge message. */
  MAX_FRAME_BYTES: int(1_048_576, 1024),
  /** Stored size of one board at most this big: stops one board from filling the disk and memory. */
  MAX_BOARD_BYTES: int(33_554_432, 1024),
  /** Sessions expire after this many seconds unless renewed: limits the damage of a leaked session. */
  SESSION_TTL_SECONDS: int(43_200, 1),
  /** Compact a board's update log into a snapshot after this many updates: bounds load time. */
  COMPACT_EVERY_UPDATES: int(500, 1),
  /** Unload a board from memory after this long without connections. */
  IDLE_UNLOAD_MS: int(30_000, 0),
  /** Budget points per second per WebSocket connection (a message costs 1 + 1 per 64 KiB in or out): stops one client flooding a room or making it encode the board over and over. */
  WS_MESSAGES_PER_SECOND: int(200, 1),
  /**
   * Open connections (/yjs and socket.io together) per client address: stops one host exhausting
   * memory and file descriptors. In the thousands: a school or conference Wi-Fi is one address.
   */
  WS_CONNECTIONS_PER_IP: int(2000, 1),
  /** Open /yjs connections per session (one person's join): a handful of tabs and reconnect races. */
  WS_CONNECTIONS_PER_SESSION: int(16, 1),
  /** socket.io events per second per connection (burst): stops one socket flooding the event loop with acked events. */
  SOCKETIO_EVENTS_PER_SECOND: int(20, 1),
  /** Boards one IP may create per minute: stops filling the disk with empty boards. */
  RATE_LIMIT_BOARDS_PER_MINUTE: int(20, 1),
  /** Session requests (join, renew) one IP may make per minute: stops guessing join tokens. */
  RATE_LIMIT_SESSIONS_PER_MINUTE: int(120, 1),
  /**
   * The reverse proxies in front of the server, so limits see the client's address in
   * X-Forwarded-For: a hop count or a list of addresses / CIDR ranges. Off by default.
   */
  TRUST_PROXY: z.string().default('false').transform(parseTrustProxy),
  /**
   * Key that seals join-link tokens in the database (base64 of 32 bytes; issue 10, docs/security.md).
   * Unset: `<DATA_DIR>/link.key`, made on first start. Set it when several servers share a database.
   */
  LINK_KEY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CLIENT_DIR: z.string().min(1).default('dist/client'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Undefined: SQLite in dataDir. Never logged: it may hold a password. */
  databaseUrl?: string;
  databasePoolSize: number;
  /** Undefined: the database's search_path (public). */
  databaseSchema?: string;
  /** Undefined: one instance (LocalBoardBus). Never logged as it is: it may hold a password. */
  redisUrl?: string;
  redisPrefix: string;
  /** Without a trailing slash. Undefined: derived from the port actually bound (http://localhost:PORT). */
  publicUrl?: string;
  maxFrameBytes: number;
  maxBoardBytes: number;
  sessionTtlSeconds: number;
  compactEveryUpdates: number;
  idleUnloadMs: number;
  wsMessagesPerSecond: number;
  wsConnectionsPerIp: number;
  wsConnectionsPerSession: number;
  socketioEventsPerSecond: number;
  rateLimitBoardsPerMinute: number;
  rateLimitSessionsPerMinute: number;
  trustProxy: TrustProxy;
  /** Base64 of 32 bytes, or undefined: the key file in the data dir (auth/LinkVault.ts). */
  linkKey?: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  clientDir: string;
}

/** Reads the configuration; throws an Error listing every invalid variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, as in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.REDIS_URL) {
    const missing = [];
    // SQLite is one process's file, with numbers shared by all boards: instances need one database
    // with gap-free numbers per board. Each instance's own link.key could not open the others' links.
    if (!e.DATABASE_URL) missing.push('  REDIS_URL: several instances need one shared database: set DATABASE_URL (PostgreSQL) too');
    if (!e.LINK_KEY) missing.push('  REDIS_URL: several instances must seal join links with one key: set LINK_KEY too');
    if (missing.length > 0) throw new Error(`Invalid configuration:\n${missing.join('\n')}`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    databaseSchema: e.DATABASE_SCHEMA,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    maxFrameBytes: e.MAX_FRAME_BYTES,
    maxBoardBytes: e.MAX_BOARD_BYTES,
    sessionTtlSeconds: e.SESSION_TTL_SECONDS,
    compactEveryUpdates: e.COMPACT_EVERY_UPDATES,
    idleUnloadMs: e.IDLE_UNLOAD_MS,
    wsMessagesPerSecond: e.WS_MESSAGES_PER_SECOND,
    wsConnectionsPerIp: e.WS_CONNECTIONS_PER_IP,
    wsConnectionsPerSession: e.WS_CONNECTIONS_PER_SESSION,
    socketioEventsPerSecond: e.SOCKETIO_EVENTS_PER_SECOND,
    rateLimitBoardsPerMinute: e.RATE_LIMIT_BOARDS_PER_MINUTE,
    rateLimitSessionsPerMinute: e.RATE_LIMIT_SESSIONS_PER_MINUTE,
    trustProxy: e.TRUST_PROXY,
    linkKey: e.LINK_KEY,
    logLevel: e.LOG_LEVEL,
    clientDir: path.resolve(e.CLIENT_DIR),
  };
}

/**
 * `false`/`0`: no proxy. A number: that many proxies in front (the right-most that many - 1 entries
 * of X-Forwarded-For are theirs). Otherwise a comma-separated list of proxy addresses or ranges.
 * `true` is refused: it used to trust every entry, including the ones the client writes itself.
 */
function parseTrustProxy(value: string, ctx: z.RefinementCtx): TrustProxy {
  const v = value.trim();
  if (v === 'false') return 0;
  if (/^\d+$/.test(v)) return Number(v);
  if (v === 'true') {
    ctx.addIssue({
      code: 'custom',
      message:
        '`true` would trust X-Forwarded-For entries written by the client, so anyone could dodge the limits. ' +
        'Set the number of proxies in front of the server (usually 1), or their addresses (e.g. 127.0.0.1 or 10.0.0.0/8).',
    });
    return z.NEVER;
  }
  const list = v.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  try {
    proxyTrust(list);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `${(err as Error).message} (expected a hop count, or proxy addresses / CIDR ranges separated by commas)` });
    return z.NEVER;
  }
  return list;
}
