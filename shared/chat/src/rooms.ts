/**
 * The chat domain without sockets or JSON-RPC: rooms, membership, nicks and history. The hub decides
 * who is a "member" (a session object); this class only says who must be told what.
 */
import { DEFAULTS } from './constants.js';
import { History } from './history.js';
import type { ChatMessage } from './message.js';
import { TokenBucket } from './rate-limiter.js';
import { nickKey } from './validate.js';
import { nickTaken, notJoined, roomBusy, roomFull, serverBusy } from './errors.js';

/** The `chat.join` result. */
export interface JoinResult {
  room: string;
  nick: string;
  /** Nicks in join order (the joiner included). */
  members: string[];
  /** Up to `historySize` most recent messages within `historyMaxBytes` of JSON, oldest first. */
  history: ChatMessage[];
}

/** Who must hear about a membership change (`chat.joined` / `chat.left`). */
export interface Presence<M> {
  room: string;
  nick: string;
  notify: M[];
}

interface Room<M> {
  name: string;
  members: Map<M, string>;
  nickKeys: Set<string>;
  history: History;
  /** Messages per second shared by every member. */
  rate: TokenBucket;
  lastId: number;
}

/** The limits that bound what rooms can cost (defaults in `DEFAULTS`). */
export interface RoomsOptions {
  historySize?: number;
  historyMaxBytes?: number;
  maxRoomMembers?: number;
  roomRateLimit?: { burst: number; perSecond: number };
  maxFanOutPerSecond?: number;
  /** Milliseconds, for the rate buckets (tests pass a fake). */
  clock?: () => number;
}

/**
 * Rooms keyed by name, members keyed by any object (the hub uses its sessions).
 *
 * @example
 * const rooms = new Rooms<string>();
 * rooms.join('socket-1', 'lobby', 'ann');
 * const { message, recipients } = rooms.send('socket-1', 'hi', new Date());
 */
export class Rooms<M> {
  readonly #rooms = new Map<string, Room<M>>();
  readonly #where = new Map<M, Room<M>>();
  readonly #limits: Required<Omit<RoomsOptions, 'maxFanOutPerSecond'>>;
  /** One bucket for the whole process, charged one token per notification frame. */
  readonly #fanOut: TokenBucket;

  constructor(options: RoomsOptions = {}) {
    this.#limits = {
      historySize: options.historySize ?? DEFAULTS.historySize,
      historyMaxBytes: options.historyMaxBytes ?? DEFAULTS.historyMaxBytes,
      maxRoomMembers: options.maxRoomMembers ?? DEFAULTS.maxRoomMembers,
      roomRateLimit: options.roomRateLimit ?? DEFAULTS.roomRateLimit,
      clock: options.clock ?? Date.now,
    };
    const perSecond = options.maxFanOutPerSecond ?? DEFAULTS.maxFanOutPerSecond;
    this.#fanOut = new TokenBucket({ burst: perSecond, perSecond }, this.#limits.clock);
  }

  /** Live rooms; empty rooms are deleted so abandoned names do not pile up. */
  get size(): number {
    return this.#rooms.size;
  }

  /** The member's current room and nick, if any. */
  membership(member: M): { room: string; nick: string } | undefined {
    const room = this.#where.get(member);
    const nick = room?.members.get(member);
    return room && nick !== undefined ? { room: room.name, nick } : undefined;
  }

  /** Nicks in the room, in join order (empty for an unknown room). */
  members(room: string): string[] {
    return [...(this.#rooms.get(room)?.members.values() ?? [])];
  }

  /**
   * Joins `room` as `nick` (already validated). A member in another room (or the same room under
   * another nick) leaves it first; rejoining with the same nick changes nothing and tells no one.
   * Throws -32002 when someone else in the room has the nick, -32004 when the room is full and -32005
   * when the fan-out budget cannot pay for the presence notifications; the old membership is then kept.
   */
  join(
    member: M,
    roomName: string,
    nick: string,
  ): { result: JoinResult; joined?: Presence<M>; left?: Presence<M> } {
    const current = this.#where.get(member);
    const target = this.#rooms.get(roomName);
    if (current && current === target && current.members.get(member) === nick) {
      return { result: this.#snapshot(current, nick) };
    }
    const key = nickKey(nick);
    if (
      target?.nickKeys.has(key) &&
      !(current === target && nickKey(current.members.get(member) ?? '') === key)
    ) {
      throw nickTaken(nick, roomName);
    }
    // Changing nick in one's own room adds no member: only the others are told.
    const sameRoom = current !== undefined && current === target;
    const others = (target?.members.size ?? 0) - (sameRoom ? 1 : 0);
    if (!sameRoom && others >= this.#limits.maxRoomMembers)
      throw roomFull(roomName, this.#limits.maxRoomMembers);
    // A join pays up front for its chat.joined and its later chat.left to the others, so leaving (which
    // a closing socket cannot be refused) never needs the budget, and join/leave churn is bounded too.
    if (!this.#fanOut.take(2 * others)) throw serverBusy();
    const left = this.leave(member);
    const room = this.#rooms.get(roomName) ?? this.#create(roomName);
    const notify = [...room.members.keys()];
    room.members.set(member, nick);
    room.nickKeys.add(key);
    this.#where.set(member, room);
    return {
      result: this.#snapshot(room, nick),
      joined: { room: roomName, nick, notify },
      ...(left && { left }),
    };
  }

  /** Leaves the current room (deleting it when it becomes empty); undefined when not in one. */
  leave(member: M): Presence<M> | undefined {
    const room = this.#where.get(member);
    const nick = room?.members.get(member);
    if (!room || nick === undefined) return undefined;
    room.members.delete(member);
    room.nickKeys.delete(nickKey(nick));
    this.#where.delete(member);
    if (room.members.size === 0) this.#rooms.delete(room.name);
    return { room: room.name, nick, notify: [...room.members.keys()] };
  }

  /**
   * Records a message; every member, the sender included, is a recipient. Throws -32001 when not
   * joined, -32003 when the room is over its message rate, -32005 when the process-wide fan-out budget
   * cannot pay one frame per member; a refused message is neither stored nor charged.
   */
  send(member: M, text: string, at: Date): { message: ChatMessage; recipients: M[] } {
    const room = this.#where.get(member);
    const nick = room?.members.get(member);
    if (!room || nick === undefined) throw notJoined();
    if (!room.rate.has()) throw roomBusy(room.name, this.#limits.roomRateLimit.perSecond);
    if (!this.#fanOut.take(room.members.size)) throw serverBusy();
    room.rate.take();
    room.lastId += 1;
    const message: ChatMessage = { id: room.lastId, room: room.name, nick, text, at: at.toISOString() };
    room.history.push(message);
    return { message, recipients: [...room.members.keys()] };
  }

  #create(name: string): Room<M> {
    const { historySize, historyMaxBytes, roomRateLimit, clock } = this.#limits;
    const room: Room<M> = {
      name,
      members: new Map(),
      nickKeys: new Set(),
      history: new History(historySize, historyMaxBytes),
      rate: new TokenBucket(roomRateLimit, clock),
      lastId: 0,
    };
    this.#rooms.set(name, room);
    return room;
  }

  #snapshot(room: Room<M>, nick: string): JoinResult {
    return { room: room.name, nick, members: [...room.members.values()], history: room.history.messages() };
  }
}
