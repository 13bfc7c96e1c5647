import pino, { type Logger } from 'pino';

// Structured JSON logs on standard output. Personal details never go in a log line: routes log ids.
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'accord' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
  });
}
