import { JSONRPCErrorException } from 'json-rpc-2.0';
import {
  INVALID_PARAMS,
  NICK_TAKEN,
  NOT_JOINED,
  RATE_LIMITED,
  ROOM_BUSY,
  ROOM_FULL,
  SERVER_BUSY,
  BACKEND_UNAVAILABLE,
} from './constants.js';

/**
 * An error the client caused, with its JSON-RPC code. It extends the library's exception so a method
 * can simply throw it and `JSONRPCServer` turns it into `{"error":{"code","message","data"}}`.
 *
 * @example
 * throw new ChatError(NOT_JOINED, 'Not joined: call chat.join first');
 */
export class ChatError extends JSONRPCErrorException {
  constructor(code: number, message: string, data?: Record<string, unknown>) {
    super(message, code, data);
    // The base constructor pins the prototype to JSONRPCErrorException (an ES5-target workaround),
    // which would make `instanceof ChatError` false: restore it.
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = 'ChatError';
  }
}

/** -32602 naming the param, e.g. `Invalid params: nick must be 1–24 characters` with `data.param = 'nick'`. */
export const invalidParams = (param: string, reason: string): ChatError =>
  new ChatError(INVALID_PARAMS, `Invalid params: ${param} ${reason}`, { param });

export const notJoined = (): ChatError => new ChatError(NOT_JOINED, 'Not joined: call chat.join first');

export const nickTaken = (nick: string, room: string): ChatError =>
  new ChatError(NICK_TAKEN, `Nick taken: "${nick}" is already in room "${room}"`, { nick, room });

export const rateLimited = (perSecond: number): ChatError =>
  new ChatError(RATE_LIMITED, `Rate limited: at most ${perSecond} messages per second, retry later`);

/** -32003: the room's shared message rate is spent; `data.room` names it. */
export const roomBusy = (room: string, perSecond: number): ChatError =>
  new ChatError(
    ROOM_BUSY,
    `Room busy: "${room}" takes at most ${perSecond} messages per second from all its members, retry later`,
    { room },
  );

/** -32004: the room already has `maxRoomMembers` members. */
export const roomFull = (room: string, maxMembers: number): ChatError =>
  new ChatError(ROOM_FULL, `Room full: "${room}" already has ${maxMembers} members`, { room });

/** -32005: the process-wide fan-out budget is spent. */
export const serverBusy = (): ChatError =>
  new ChatError(SERVER_BUSY, 'Server busy: too many notifications per second across all rooms, retry later');

/** -32006: the chat backend (Redis) cannot be reached; the server keeps reconnecting. */
export const backendUnavailable = (): ChatError =>
  new ChatError(
    BACKEND_UNAVAILABLE,
    'Chat backend unavailable: the server lost its connection to Redis and is reconnecting, retry shortly',
  );
