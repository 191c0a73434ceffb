-- wrk's done() hook for bench/src/load/wrk.ts: one machine-readable line, `WRK_JSON {...}`, after
-- wrk's own human summary (the marker finds it there). Times are microseconds, as wrk keeps them.
--
-- Deliberately no request() or response() hook: either one runs Lua for every request and slows wrk
-- down, and wrk already counts HTTP status > 399 in summary.errors.status by itself.

-- JSON has no NaN or infinity (an empty histogram's mean is 0/0): those become null.
local function num(x, format)
  if x == nil or x ~= x or x == math.huge or x == -math.huge then return 'null' end
  return string.format(format or '%.0f', x)
end

-- wrk's own CPU (user + system, clock ticks) from /proc/self/stat. Read here, in the main thread after
-- the worker threads were joined: the process's stat still counts the CPU of exited threads, while
-- their /proc/<pid>/task/<tid> entries (what a poller from outside would read) are already gone.
-- Null where there is no /proc (macOS).
local function cpu_ticks()
  local file = io.open('/proc/self/stat', 'r')
  if not file then return nil end
  local stat = file:read('*a')
  file:close()
  -- The command name may hold spaces and parentheses: count fields after the last ')'.
  local rest = stat:match('.*%)%s+(.*)')
  if not rest then return nil end
  local fields = {}
  for field in rest:gmatch('%S+') do fields[#fields + 1] = field end
  -- utime and stime are stat fields 14 and 15, i.e. the 12th and 13th after the name.
  local utime, stime = tonumber(fields[12]), tonumber(fields[13])
  if not utime or not stime then return nil end
  return utime + stime
end

function done(summary, latency, requests)
  local e = summary.errors
  local parts = {
    '"requests":' .. num(summary.requests),
    '"duration_us":' .. num(summary.duration),
    '"bytes":' .. num(summary.bytes),
    '"errors":{"connect":' .. num(e.connect) .. ',"read":' .. num(e.read) .. ',"write":' .. num(e.write)
      .. ',"status":' .. num(e.status) .. ',"timeout":' .. num(e.timeout) .. '}',
    '"latency_us":{"mean":' .. num(latency.mean, '%.3f') .. ',"stdev":' .. num(latency.stdev, '%.3f')
      .. ',"max":' .. num(latency.max) .. ',"p50":' .. num(latency:percentile(50))
      .. ',"p90":' .. num(latency:percentile(90)) .. ',"p99":' .. num(latency:percentile(99))
      .. ',"p999":' .. num(latency:percentile(99.9)) .. '}',
    '"requests_mean":' .. num(requests.mean, '%.3f'),
    '"cpu_ticks":' .. num(cpu_ticks()),
  }
  io.write('WRK_JSON {' .. table.concat(parts, ',') .. '}\n')
  io.flush()
end
