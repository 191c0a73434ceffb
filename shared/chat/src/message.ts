// A leaf module: history.ts keeps these and rooms.ts (which owns a History) hands them out, so the
// type lives apart from both rather than making them import each other.

/** The `chat.message` notification payload, also what history keeps. */
export interface ChatMessage {
  /** Increasing per room, from 1 (a room deleted when empty starts again at 1). */
  id: number;
  room: string;
  nick: string;
  text: string;
  /** ISO 8601 time the server accepted the message. */
  at: string;
}
