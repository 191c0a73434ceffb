import { MAX_NAME_LENGTH } from '@repo/fixtures';
import { HttpError, MESSAGES } from './errors.js';

/**
 * Validates an already-decoded `:name` and returns the greeting. Length counts characters (code
 * points), not bytes or UTF-16 units, so `/hello/%F0%9F%91%8B` is one character.
 */
export function greet(name: string): string {
  const length = [...name].length;
  if (length < 1 || length > MAX_NAME_LENGTH) {
    throw new HttpError('BAD_REQUEST', MESSAGES.nameLength(MAX_NAME_LENGTH));
  }
  return greeting(name);
}

/** The greeting alone, for frameworks that validate the name themselves (fastify's schema). */
export function greeting(name: string): string {
  return `Hello, ${name}!`;
}

/**
 * Percent-decodes a raw path segment; malformed encoding (`%E0%A4%A`) is a 400, never a silent
 * pass-through. For apps whose router hands over the raw segment or swallows decode errors.
 */
export function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError('BAD_REQUEST', MESSAGES.badEncoding);
  }
}
