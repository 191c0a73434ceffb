import { HttpError, MESSAGES } from '@repo/core';

/**
 * Every failure of the database (refused, timed out, lost mid-query, overloaded, unseeded), as one
 * class: it is an HttpError, so the apps' shared error handler answers 503 SERVICE_UNAVAILABLE with
 * the envelope. The driver's error stays in `cause` for the log; clients never see it.
 */
export class DatabaseUnavailableError extends HttpError {
  constructor(cause: unknown) {
    super('SERVICE_UNAVAILABLE', MESSAGES.databaseUnavailable);
    this.name = 'DatabaseUnavailableError';
    this.cause = cause;
  }
}
