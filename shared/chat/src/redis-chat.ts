/**
 * The chat's rooms kept in Redis, so members on different processes (cluster workers, or different
 * apps) share rooms, nicks and history. One command connection and one subscriber connection per
 * process; every room event comes through the one subscription and is fanned out locally.
 */
import { randomBytes } from 'node:crypto';
import { createClient, type RedisClientType } from '@redis/client';
import { DEFAULTS } from './constants.js';
import { backendUnavailable, nickTaken, notJoined, roomBusy, roomFull } from './errors.js';
import { JOIN, LEAVE, REAP, SEND, EVENTS_CHANNEL, PROCS_KEY, procKey } from './redis-scripts.js';
import type { ChatMessage } from './message.js';
import type { JoinResult } from './rooms.js';
import { nickKey } from './validate.js';

/** What the Redis chat needs of a session: somewhere to send frames. */
export interface RedisPeer {
  peer: { send(text: string, byteLength?: number): void };
}

interface Membership {
  room: string;
  nick: string;
  key: string;
  /** The room's last message id when the join was answered: older messages came in its history. */
  seenId: number;
}

export interface RedisChatOptions {
  historySize?: number;
  historyMaxBytes?: number;
  maxRoomMembers?: number;
  roomRateLimit?: { burst: number; perSecond: number };
  /** How often the process renews its presence key and reaps dead processes (default 1 s). */
  heartbeatMs?: number;
  /** Presence key lifetime: a process silent this long has its nicks freed (default 3 s). */
  presenceTtlMs?: number;
  logError?: (err: unknown) => void;
}

type Client = RedisClientType;

/** Lua's tonumber does not read `Infinity`: a limit that is off becomes 1e308. */
const finite = (n: number): string => (Number.isFinite(n) ? String(n) : '1e308');

const strings = (reply: unknown): string[] => (reply as unknown[]).map((v) => String(v));

/**
 * @example
 * const redis = await RedisChat.connect(process.env.REDIS_URL!);
 * const hub = new ChatHub({ redis });
 */
export class RedisChat<S extends RedisPeer = RedisPeer> {
  /** This process's id in Redis (owner strings are `<proc>:<session number>`). */
  readonly proc = `${process.pid}-${randomBytes(4).toString('hex')}`;
  readonly #members = new Map<S, Membership>();
  readonly #rooms = new Map<string, Set<S>>();
  readonly #owners = new WeakMap<S, string>();
  readonly #gone = new WeakSet<S>();
  /** Leaves that failed while Redis was down, retried when it is back. */
  #unreleased: { room: string; key: string; owner: string }[] = [];
  readonly #pending = new Set<Promise<unknown>>();
  readonly #opts: Required<Omit<RedisChatOptions, 'logError'>>;
  readonly #logError: (err: unknown) => void;
  #sessions = 0;
  #timer: NodeJS.Timeout | undefined;
  #up = true;

  private constructor(
    readonly url: string,
    private readonly cmd: Client,
    private readonly sub: Client,
    options: RedisChatOptions,
  ) {
    this.#opts = {
      historySize: options.historySize ?? DEFAULTS.historySize,
      historyMaxBytes: options.historyMaxBytes ?? DEFAULTS.historyMaxBytes,
      maxRoomMembers: options.maxRoomMembers ?? DEFAULTS.maxRoomMembers,
      roomRateLimit: options.roomRateLimit ?? DEFAULTS.roomRateLimit,
      heartbeatMs: options.heartbeatMs ?? 1_000,
      presenceTtlMs: options.presenceTtlMs ?? 3_000,
    };
    this.#logError = options.logError ?? ((err) => console.error(err));
  }

  /**
   * Connects both clients and subscribes; rejects with an error naming `REDIS_URL` when Redis cannot
   * be reached at start (no silent one-process fallback). Later losses are retried forever.
   */
  static async connect<S extends RedisPeer>(
    url: string,
    options: RedisChatOptions = {},
  ): Promise<RedisChat<S>> {
    let started = false;
    const make = () =>
      createClient({
        url,
        disableOfflineQueue: true,
        socket: {
          connectTimeout: 2_000,
          reconnectStrategy: (retries, cause) =>
            started
              ? Math.min(50 * 2 ** retries, 1_000)
              : new Error(`REDIS_URL=${url}: cannot reach Redis (${cause.message || cause.name})`),
        },
      }) as Client;
    const cmd = make();
    const sub = make();
    const chat = new RedisChat<S>(url, cmd, sub, options);
    cmd.on('error', (err: Error) => chat.#down(err));
    sub.on('error', (err: Error) => chat.#down(err));
    try {
      await cmd.connect();
      await sub.connect();
      await sub.subscribe(EVENTS_CHANNEL, (message) => chat.#onEvent(message));
    } catch (err) {
      await Promise.allSettled([cmd.destroy(), sub.destroy()].map((p) => Promise.resolve(p)));
      const reason = err instanceof Error ? err.message : String(err);
      throw new Error(
        reason.startsWith('REDIS_URL=') ? reason : `REDIS_URL=${url}: cannot reach Redis (${reason})`,
      );
    }
    started = true;
    cmd.on('ready', () => void chat.#back());
    await chat.#beat();
    chat.#timer = setInterval(() => void chat.#beat(), chat.#opts.heartbeatMs);
    chat.#timer.unref();
    return chat;
  }

  membership(session: S): { room: string; nick: string } | undefined {
    const m = this.#members.get(session);
    return m && { room: m.room, nick: m.nick };
  }

  async join(session: S, room: string, nick: string): Promise<JoinResult> {
    const current = this.#members.get(session);
    const key = nickKey(nick);
    const rename = current?.room === room && current.key !== key ? current.key : '';
    const reply = strings(
      await this.#eval(JOIN, [
        room,
        key,
        nick,
        this.#owner(session),
        finite(this.#opts.maxRoomMembers),
        this.#procSet,
        rename,
      ]),
    );
    if (reply[0] === 'taken') throw nickTaken(nick, room);
    if (reply[0] === 'full') throw roomFull(room, this.#opts.maxRoomMembers);
    const split = reply.indexOf('\n');
    const members = reply.slice(2, split);
    const history = reply.slice(split + 1).map((m) => JSON.parse(m) as ChatMessage);
    if (current && current.room !== room) await this.#release(session, current);
    this.#unlink(session);
    if (this.#gone.has(session)) {
      // The socket closed while the join was in flight: give the nick back at once.
      await this.#release(session, { room, nick, key, seenId: 0 });
    } else {
      this.#link(session, { room, nick, key, seenId: Number(reply[1]) });
    }
    return { room, nick, members, history };
  }

  async send(session: S, text: string, at: Date): Promise<{ id: number; at: string }> {
    const m = this.#members.get(session);
    if (!m) throw notJoined();
    const iso = at.toISOString();
    const { burst, perSecond } = this.#opts.roomRateLimit;
    const reply = strings(
      await this.#eval(SEND, [
        m.room,
        m.key,
        this.#owner(session),
        JSON.stringify(m.room),
        JSON.stringify(m.nick),
        JSON.stringify(text),
        JSON.stringify(iso),
        String(at.getTime()),
        finite(burst),
        finite(perSecond),
        String(this.#opts.historySize),
        String(this.#opts.historyMaxBytes),
      ]),
    );
    if (reply[0] === 'notjoined') {
      this.#unlink(session);
      throw notJoined();
    }
    if (reply[0] === 'busy') throw roomBusy(m.room, perSecond);
    return { id: Number(reply[0]), at: iso };
  }

  async leave(session: S): Promise<void> {
    const m = this.#members.get(session);
    if (!m) throw notJoined();
    this.#unlink(session);
    await this.#release(session, m);
  }

  /** A closed socket: leave in the background (close() waits for it); a failure is retried later. */
  disconnect(session: S): void {
    this.#gone.add(session);
    const m = this.#members.get(session);
    if (!m) return;
    this.#unlink(session);
    const p = this.#release(session, m).catch(() => {});
    this.#pending.add(p);
    void p.finally(() => this.#pending.delete(p));
  }

  /** Waits for pending leaves, frees anything this process still holds, and disconnects. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await Promise.allSettled([...this.#pending]);
    try {
      await this.cmd.eval(REAP, { arguments: [this.proc] });
      await this.cmd.del(procKey(this.proc));
    } catch {
      // Redis is down: the presence key expires and another process reaps.
    }
    await Promise.allSettled([this.sub.close(), this.cmd.close()]);
  }

  get #procSet(): string {
    return `${procKey(this.proc)}:members`;
  }

  #owner(session: S): string {
    let owner = this.#owners.get(session);
    if (!owner) this.#owners.set(session, (owner = `${this.proc}:${++this.#sessions}`));
    return owner;
  }

  async #eval(script: string, args: string[]): Promise<unknown> {
    if (!this.cmd.isReady) throw backendUnavailable();
    try {
      return await this.cmd.eval(script, { arguments: args });
    } catch (err) {
      if (!this.cmd.isReady) throw backendUnavailable();
      throw err;
    }
  }

  async #release(session: S, m: Membership): Promise<void> {
    const owner = this.#owner(session);
    try {
      await this.#eval(LEAVE, [m.room, m.key, owner, this.#procSet]);
    } catch (err) {
      this.#unreleased.push({ room: m.room, key: m.key, owner });
      throw err;
    }
  }

  #link(session: S, m: Membership): void {
    this.#members.set(session, m);
    let set = this.#rooms.get(m.room);
    if (!set) this.#rooms.set(m.room, (set = new Set()));
    set.add(session);
  }

  #unlink(session: S): void {
    const m = this.#members.get(session);
    if (!m) return;
    this.#members.delete(session);
    const set = this.#rooms.get(m.room);
    set?.delete(session);
    if (set?.size === 0) this.#rooms.delete(m.room);
  }

  // "method\nroom\nowner\nparams": serialised once, sent to every local member of the room.
  #onEvent(message: string): void {
    const a = message.indexOf('\n');
    const b = message.indexOf('\n', a + 1);
    const c = message.indexOf('\n', b + 1);
    const set = this.#rooms.get(message.slice(a + 1, b));
    if (!set) return;
    const method = message.slice(0, a);
    const owner = message.slice(b + 1, c);
    const params = message.slice(c + 1);
    const frame = `{"jsonrpc":"2.0","method":"${method}","params":${params}}`;
    const bytes = Buffer.byteLength(frame);
    const id = method === 'chat.message' ? (JSON.parse(params) as ChatMessage).id : 0;
    for (const session of set) {
      if (
        method === 'chat.message'
          ? id <= this.#members.get(session)!.seenId
          : this.#owners.get(session) === owner
      )
        continue;
      session.peer.send(frame, bytes);
    }
  }

  // Presence: the key says "this process is alive"; any process reaps the nicks of expired ones.
  async #beat(): Promise<void> {
    if (!this.cmd.isReady) return;
    try {
      await this.cmd.set(procKey(this.proc), '1', { PX: this.#opts.presenceTtlMs });
      await this.cmd.sAdd(PROCS_KEY, this.proc);
      await this.cmd.eval(REAP, { arguments: [''] });
    } catch {
      // Lost mid-beat: #down logs it once, #back restores.
    }
  }

  #down(err: Error): void {
    if (!this.#up) return;
    this.#up = false;
    this.#logError(new Error(`chat: lost Redis at REDIS_URL=${this.url} (${err.message}); reconnecting`));
  }

  // Back after a loss: retry failed leaves, then claim every local membership again (a restarted
  // Redis has none of them); a nick someone else took meanwhile is dropped locally.
  async #back(): Promise<void> {
    if (this.#up) return;
    this.#up = true;
    try {
      await this.#beat();
      const unreleased = this.#unreleased;
      this.#unreleased = [];
      for (const u of unreleased)
        await this.cmd.eval(LEAVE, { arguments: [u.room, u.key, u.owner, this.#procSet] });
      for (const [session, m] of [...this.#members]) {
        const reply = strings(
          await this.cmd.eval(JOIN, {
            arguments: [m.room, m.key, m.nick, this.#owner(session), '1000000000', this.#procSet, ''],
          }),
        );
        if (reply[0] === 'taken') this.#unlink(session);
        else m.seenId = Number(reply[1]);
      }
    } catch (err) {
      this.#logError(err);
    }
  }
}
