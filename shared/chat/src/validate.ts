/**
 * Param validation for every method. Each validator returns the clean value or throws -32602 saying
 * which param is wrong and why, so clients never have to guess.
 */
import { LIMITS } from './constants.js';
import { invalidParams } from './errors.js';

/**
 * Reads params given by position (`["lobby", "ann"]`, what `websocat --jsonrpc` sends) or by name
 * (`{"room":"lobby","nick":"ann"}`) into one record. Unknown names and extra positions are rejected
 * rather than ignored, so a typo (`{"rom": …}`) is reported instead of silently dropped.
 *
 * @example
 * readParams(['lobby', 'ann'], ['room', 'nick']); // { room: 'lobby', nick: 'ann' }
 */
export function readParams<K extends string>(
  params: unknown,
  names: readonly K[],
): Partial<Record<K, unknown>> {
  if (params === undefined) return {};
  if (Array.isArray(params)) {
    if (params.length > names.length) {
      const expected = names.length === 0 ? 'none' : `at most ${names.length} (${names.join(', ')})`;
      throw invalidParams('params', `takes ${expected}, got ${params.length}`);
    }
    const out: Partial<Record<K, unknown>> = {};
    params.forEach((value: unknown, i) => {
      const name = names[i];
      if (name !== undefined) out[name] = value;
    });
    return out;
  }
  if (typeof params === 'object' && params !== null) {
    for (const key of Object.keys(params)) {
      // The name is echoed twice (message and data.param): cut a long one so the error stays small.
      if (!(names as readonly string[]).includes(key))
        throw invalidParams(clip(key), 'is not a parameter of this method');
    }
    return params;
  }
  throw invalidParams('params', 'must be an array or an object');
}

/** Length in code points, so an emoji counts as one character (and a 2000-char limit means what it says). */
function charLength(s: string): number {
  return [...s].length;
}

const clip = (s: string): string => (s.length > 64 ? `${[...s].slice(0, 64).join('')}…` : s);

// In `u` mode a surrogate pair is one code point, so only an unpaired half matches (\p{Cs}).
// `String.prototype.isWellFormed` would say the same but is not in Node 20.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Strings the server stores or echoes must be well-formed UTF-16. A lone surrogate is not text: it has
 * no UTF-8 form, so JSON.stringify writes it as a 6-byte `\udXXX` escape (2,000 of them make 12 KB of
 * JSON per message) and every receiver gets a string it cannot encode back.
 */
function requireString(value: unknown, param: string): string {
  if (value === undefined) throw invalidParams(param, 'is required');
  if (typeof value !== 'string')
    throw invalidParams(param, `must be a string, got ${value === null ? 'null' : typeof value}`);
  if (LONE_SURROGATE.test(value))
    throw invalidParams(param, 'must be well-formed UTF-16 (no lone surrogates)');
  return value;
}

/** `say_hello`'s optional name: absent means "World"; otherwise 1–64 characters. */
export function helloName(value: unknown): string {
  if (value === undefined) return 'World';
  const name = requireString(value, 'name');
  const length = charLength(name);
  if (length < 1 || length > LIMITS.helloNameMaxLength) {
    throw invalidParams('name', `must be 1–${LIMITS.helloNameMaxLength} characters, got ${length}`);
  }
  return name;
}

/** Room names are URL- and log-safe: 1–32 of `a-z`, `0-9`, `-`. */
export function roomName(value: unknown): string {
  const room = requireString(value, 'room');
  if (!LIMITS.roomPattern.test(room))
    throw invalidParams('room', "must be 1–32 characters of a-z, 0-9 and '-'");
  return room;
}

// Control, format (bidi overrides, zero-width), surrogate, private-use and unassigned characters, and
// line/paragraph separators: anything that could hide or reorder what other members see.
const UNPRINTABLE = /[\p{C}\p{Zl}\p{Zp}]/u;

/**
 * Nicks are 1–24 printable characters. Leading or trailing whitespace is rejected, not trimmed: a
 * server that silently changes the nick would make "nick taken" answers confusing.
 */
export function nickName(value: unknown): string {
  const nick = requireString(value, 'nick');
  const length = charLength(nick);
  if (length < 1 || length > LIMITS.nickMaxLength) {
    throw invalidParams('nick', `must be 1–${LIMITS.nickMaxLength} characters, got ${length}`);
  }
  if (UNPRINTABLE.test(nick)) throw invalidParams('nick', 'must not contain control or invisible characters');
  if (nick.trim() !== nick) throw invalidParams('nick', 'must not start or end with whitespace');
  return nick;
}

/**
 * The key nick uniqueness is checked on: "Ann", "ann" and "ａｎｎ" (fullwidth) are the same person to
 * a reader, so they may not share a room.
 */
export function nickKey(nick: string): string {
  return nick.normalize('NFKC').toLowerCase();
}

/** Message text: 1–2000 characters of anything well-formed (newlines included); it is data, never markup. */
export function messageText(value: unknown): string {
  const text = requireString(value, 'text');
  if (text.length === 0) throw invalidParams('text', 'must not be empty');
  // Code points never outnumber UTF-16 units, so only long strings need counting.
  if (text.length > LIMITS.textMaxLength && charLength(text) > LIMITS.textMaxLength) {
    throw invalidParams('text', `must be at most ${LIMITS.textMaxLength} characters`);
  }
  return text;
}
