import { pino, type Logger, type LoggerOptions } from 'pino';
import { REDACTED, redactedPaths } from './redaction.ts';

export type { Logger } from 'pino';

export interface CreateLoggerOptions {
  /** Shown as `service` on every line. */
  service: string;
  /** pino level. Default `info`. */
  level?: string;
  /** `pretty` is for a person at a terminal; default `json`. */
  format?: 'json' | 'pretty';
  /** Where lines go; default standard output. Tests pass a stream to read them back. */
  destination?: NodeJS.WritableStream;
}

export function loggerOptions(options: Pick<CreateLoggerOptions, 'service' | 'level'>): LoggerOptions {
  return {
    level: options.level ?? 'info',
    base: { service: options.service },
    redact: { paths: redactedPaths, censor: REDACTED },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
}

export function createLogger(options: CreateLoggerOptions): Logger {
  const base = loggerOptions(options);
  if (options.destination) return pino(base, options.destination);
  if (options.format === 'pretty') {
    return pino({
      ...base,
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
      },
    });
  }
  return pino(base);
}

/** The fields that tie a log line to the work it is about; unset ones are left out. */
export interface WorkContext {
  runId?: string;
  jobId?: string;
  shopId?: string;
  orderNumber?: string;
}

export function workLogger(log: Logger, context: WorkContext): Logger {
  const fields = Object.fromEntries(Object.entries(context).filter(([, value]) => value !== undefined));
  return log.child(fields);
}
