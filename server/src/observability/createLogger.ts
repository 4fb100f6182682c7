// Structured JSON logs (pino). Secrets never reach a log line: query strings are cut from every
// URL (the y-websocket session travels in one), and credential headers and fields are redacted.
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

const OPTIONS: LoggerOptions = {
  redact: {
    paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'token', 'session', '*.token', '*.session'],
    censor: '[redacted]',
  },
  serializers: {
    req: (req: { method?: string; url?: string; ip?: string }) => ({
      method: req.method,
      url: stripQuery(req.url),
      ip: req.ip,
    }),
  },
};

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ ...OPTIONS, level }, destination);
}

/** The path without its query string. */
export function stripQuery(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const i = url.indexOf('?');
  return i === -1 ? url : url.slice(0, i);
}
