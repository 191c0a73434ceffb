/**
 * The Lua scripts behind the Redis chat. Each runs atomically inside Redis, so a nick check and its
 * claim, or a message id and its publish, cannot interleave with another process's. Keys per room
 * (`<p>` = ROOM_PREFIX + room, `chat:room:<room>`): `<p>:nicks` hash nickKey → "owner\nnick",
 * `<p>:order` zset nickKey → join sequence, `<p>:history` list of message JSON, `<p>:hbytes` its size,
 * `<p>:seq` message ids, `<p>:jseq` join sequence, `<p>:rate` the room's token bucket. Per process: `chat:proc:<id>` (a TTL
 * key the process keeps alive) and `chat:proc:<id>:members` (set of "room\nnickKey" it holds).
 * Events go to one channel, `chat:events`, as "method\nroom\nowner\nparamsJSON".
 */

export const EVENTS_CHANNEL = 'chat:events';
export const PROCS_KEY = 'chat:procs';
/** Every room key starts with this, then the room name (one place, used by each script below). */
const ROOM_PREFIX = 'chat:room:';
export const procKey = (proc: string): string => `chat:proc:${proc}`;

// Shared Lua: removes one member (if `owner` holds it) and tells the room; deletes an emptied room.
const LEAVE_FN = `
local function leave(p, room, nickKey, owner, procSet)
  local holder = redis.call('HGET', p .. ':nicks', nickKey)
  if not holder or string.sub(holder, 1, #owner + 1) ~= owner .. '\\n' then return 0 end
  local nick = string.sub(holder, #owner + 2)
  redis.call('HDEL', p .. ':nicks', nickKey)
  redis.call('ZREM', p .. ':order', nickKey)
  redis.call('SREM', procSet, room .. '\\n' .. nickKey)
  if redis.call('HLEN', p .. ':nicks') == 0 then
    redis.call('DEL', p .. ':history', p .. ':hbytes', p .. ':seq', p .. ':jseq', p .. ':rate', p .. ':order')
  else
    redis.call('PUBLISH', '${EVENTS_CHANNEL}', 'chat.left\\n' .. room .. '\\n' .. owner .. '\\n' .. '{"room":' .. cjson.encode(room) .. ',"nick":' .. cjson.encode(nick) .. '}')
  end
  return 1
end
`;

/**
 * ARGV: room, nickKey, nick, owner, maxMembers, procSet, oldNickKey ('' unless renaming in this room).
 * Returns {'ok', lastId, members..., '\n', history...}, {'same', ...} (nothing changed) or {'taken'} / {'full'}.
 */
export const JOIN = `${LEAVE_FN}
local room, nickKey, nick, owner = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local p = '${ROOM_PREFIX}' .. room
local holder = redis.call('HGET', p .. ':nicks', nickKey)
local status = 'ok'
if holder then
  if string.sub(holder, 1, #owner + 1) ~= owner .. '\\n' then return {'taken'} end
  if holder == owner .. '\\n' .. nick then status = 'same' end
end
if status == 'ok' then
  local others = redis.call('HLEN', p .. ':nicks')
  if ARGV[7] ~= '' then others = others - 1 end
  if others >= tonumber(ARGV[5]) then return {'full'} end
  if ARGV[7] ~= '' then leave(p, room, ARGV[7], owner, ARGV[6]) end
  redis.call('HSET', p .. ':nicks', nickKey, owner .. '\\n' .. nick)
  redis.call('ZADD', p .. ':order', redis.call('INCR', p .. ':jseq'), nickKey)
  redis.call('SADD', ARGV[6], room .. '\\n' .. nickKey)
  redis.call('PUBLISH', '${EVENTS_CHANNEL}', 'chat.joined\\n' .. room .. '\\n' .. owner .. '\\n' .. '{"room":' .. cjson.encode(room) .. ',"nick":' .. cjson.encode(nick) .. '}')
end
local out = {status, tonumber(redis.call('GET', p .. ':seq') or '0')}
local keys = redis.call('ZRANGE', p .. ':order', 0, -1)
for _, k in ipairs(keys) do
  local h = redis.call('HGET', p .. ':nicks', k)
  if h then out[#out + 1] = string.sub(h, string.find(h, '\\n', 1, true) + 1) end
end
out[#out + 1] = '\\n'
for _, m in ipairs(redis.call('LRANGE', p .. ':history', 0, -1)) do out[#out + 1] = m end
return out
`;

/** ARGV: room, nickKey, owner, procSet. Returns 1 when the member was removed. */
export const LEAVE = `${LEAVE_FN}
return leave('${ROOM_PREFIX}' .. ARGV[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4])
`;

/**
 * ARGV: room, nickKey, owner, roomJSON, nickJSON, textJSON, atJSON, nowMs, burst, perSecond,
 * historySize, historyMaxBytes. Returns {id} or {'notjoined'} / {'busy'}. The message JSON is put
 * together from JSON.stringify'd parts, so its bytes are exactly what the in-process history measures.
 */
export const SEND = `
local room, nickKey, owner = ARGV[1], ARGV[2], ARGV[3]
local p = '${ROOM_PREFIX}' .. room
local holder = redis.call('HGET', p .. ':nicks', nickKey)
if not holder or string.sub(holder, 1, #owner + 1) ~= owner .. '\\n' then return {'notjoined'} end
local now, burst, perSecond = tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10])
local bucket = redis.call('HMGET', p .. ':rate', 't', 'ts')
local tokens, ts = tonumber(bucket[1]) or burst, tonumber(bucket[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - ts) * perSecond / 1000)
if tokens < 1 then
  redis.call('HSET', p .. ':rate', 't', tostring(tokens), 'ts', tostring(now))
  return {'busy'}
end
redis.call('HSET', p .. ':rate', 't', tostring(tokens - 1), 'ts', tostring(now))
local id = redis.call('INCR', p .. ':seq')
local json = '{"id":' .. id .. ',"room":' .. ARGV[4] .. ',"nick":' .. ARGV[5] .. ',"text":' .. ARGV[6] .. ',"at":' .. ARGV[7] .. '}'
redis.call('RPUSH', p .. ':history', json)
local total = redis.call('INCRBY', p .. ':hbytes', #json + 1)
local maxCount, maxBytes = tonumber(ARGV[11]), tonumber(ARGV[12])
local count = redis.call('LLEN', p .. ':history')
while count > 0 and (count > maxCount or total + 1 > maxBytes) do
  local old = redis.call('LPOP', p .. ':history')
  total = redis.call('INCRBY', p .. ':hbytes', -(#old + 1))
  count = count - 1
end
redis.call('PUBLISH', '${EVENTS_CHANNEL}', 'chat.message\\n' .. room .. '\\n' .. owner .. '\\n' .. json)
return {id}
`;

/**
 * Frees every nick of processes whose presence key has expired (SIGKILL, lost host) and tells their
 * rooms. Any process may run it; it is atomic, so two reapers never double-report. Returns how many
 * nicks were freed.
 */
export const REAP = `${LEAVE_FN}
local freed = 0
for _, proc in ipairs(redis.call('SMEMBERS', '${PROCS_KEY}')) do
  if redis.call('EXISTS', 'chat:proc:' .. proc) == 0 or proc == ARGV[1] then
    local set = 'chat:proc:' .. proc .. ':members'
    for _, entry in ipairs(redis.call('SMEMBERS', set)) do
      local nl = string.find(entry, '\\n', 1, true)
      local room, nickKey = string.sub(entry, 1, nl - 1), string.sub(entry, nl + 1)
      local holder = redis.call('HGET', '${ROOM_PREFIX}' .. room .. ':nicks', nickKey)
      if holder then
        local owner = string.sub(holder, 1, string.find(holder, '\\n', 1, true) - 1)
        if string.sub(owner, 1, #proc + 1) == proc .. ':' then
          freed = freed + leave('${ROOM_PREFIX}' .. room, room, nickKey, owner, set)
        end
      end
    end
    redis.call('DEL', set)
    redis.call('SREM', '${PROCS_KEY}', proc)
  end
end
return freed
`;
