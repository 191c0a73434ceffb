import { describe, expect, it } from 'vitest';
import { ERROR_STATUS, HttpError, MESSAGES, toErrorResponse } from '../src/index.js';

describe('SERVICE_UNAVAILABLE', () => {
  it('is 503 with the shared message in the envelope, and not an unexpected error', () => {
    expect(ERROR_STATUS.SERVICE_UNAVAILABLE).toBe(503);
    const res = toErrorResponse(new HttpError('SERVICE_UNAVAILABLE', MESSAGES.databaseUnavailable));
    expect(res).toEqual({
      status: 503,
      body: '{"error":{"code":"SERVICE_UNAVAILABLE","message":"The database is unavailable; retry shortly"}}',
      unexpected: false,
    });
  });
});
