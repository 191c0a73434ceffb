/**
 * A room's recent messages, capped by count and by serialised size. The size cap is what bounds a
 * `chat.join` reply: 50 messages of 2,000 characters that each escape to 6 bytes of JSON would be
 * 600 KB otherwise, sent again to every joiner.
 */
import type { ChatMessage } from './message.js';

/**
 * Oldest first; pushing past either cap drops the oldest messages, so the newest are kept. Sizes are
 * measured once per message and kept as a running total, so a join never re-serialises history.
 *
 * @example
 * const history = new History(50, 64 * 1024);
 * history.push(message);
 * history.bytes; // === Buffer.byteLength(JSON.stringify(history.messages()))
 */
export class History {
  readonly #messages: ChatMessage[] = [];
  readonly #sizes: number[] = [];
  /** Σ (UTF-8 bytes of each message's JSON + 1 for its comma or closing bracket). */
  #total = 0;

  constructor(
    private readonly maxCount: number,
    private readonly maxBytes: number,
  ) {}

  /** UTF-8 bytes of `JSON.stringify(this.messages())`. */
  get bytes(): number {
    return this.#messages.length === 0 ? 2 : this.#total + 1;
  }

  get length(): number {
    return this.#messages.length;
  }

  /**
   * Appends, then drops the oldest until both caps hold. A message bigger than `maxBytes` on its own
   * is not kept at all (the cap is a promise about the reply's size).
   */
  push(message: ChatMessage): void {
    const size = Buffer.byteLength(JSON.stringify(message)) + 1;
    this.#messages.push(message);
    this.#sizes.push(size);
    this.#total += size;
    while (
      this.#messages.length > 0 &&
      (this.#messages.length > this.maxCount || this.bytes > this.maxBytes)
    ) {
      this.#messages.shift();
      this.#total -= this.#sizes.shift()!;
    }
  }

  /** A copy, oldest first (the caller may hand it out). */
  messages(): ChatMessage[] {
    return [...this.#messages];
  }
}
