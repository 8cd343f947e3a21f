export {
  createLogger,
  loggerOptions,
  workLogger,
  type CreateLoggerOptions,
  type Logger,
  type WorkContext,
} from './create-logger.ts';
export { REDACTED, redactedPaths, secretFieldNames } from './redaction.ts';
