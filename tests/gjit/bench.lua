-- tests/gjit/bench.lua: a small Lua benchmark for LuaJIT's JIT under pvm
-- (tests/gjit/run.sh runs it with luajit -jon and -joff, arm64 under pvm
-- against amd64 natively). Hot loops over integers, bit operations, tables,
-- strings, float maths, closures that change type (guards fail, side traces
-- get patched into their parents' exits) and jit.flush() between rounds (new
-- traces written where old ones were).
-- Invariant: every printed line is fixed by the Lua program alone, the same on
-- every machine and in every JIT mode: no addresses, no pairs() order, no
-- timings, no trace counts (they depend on the machine code's size). Float results are printed from operations that
-- round the same with and without fused multiply-add (LuaJIT's arm64 backend
-- fuses a*b+c, the x64 one does not): divisions, square roots, sums and
-- products that are exact; libm results only to 9 decimals.
-- usage: luajit -jon|-joff bench.lua [SCALE]   (SCALE: 1 by default; 0.5 halves the work)

local scale = tonumber(arg and arg[1]) or 1
local bit = require("bit")
local fmt = string.format

-- the mode line: the suite checks that -jon really has the JIT on
local on = jit.status()
print("jit: " .. (on and "on" or "off"))
-- traces compiled, counted as they finish: trace numbers and what is left
-- after a flush depend on the machine code's size, so only "any" is printed
local stopped = 0
if on then
  jit.attach(function(what) if what == "stop" then stopped = stopped + 1 end end, "trace")
end

local function report(name, ...)
  local t = { ... }
  for i = 1, #t do t[i] = tostring(t[i]) end
  print(name .. ": " .. table.concat(t, " "))
end

-- integers: a sieve, Collatz chain lengths, a 32-bit FNV-1a style hash
local function sieve(n)
  local comp, count, sum = {}, 0, 0
  for i = 2, n do
    if not comp[i] then
      count = count + 1
      sum = sum + i
      for j = i * i, n, i do comp[j] = true end
    end
  end
  return count, sum
end
report("sieve", sieve(200000 * scale))

local function collatz(limit)
  local best, bestn, total = 0, 0, 0
  for n = 1, limit do
    local x, steps = n, 0
    while x ~= 1 do
      if x % 2 == 0 then x = x / 2 else x = 3 * x + 1 end
      steps = steps + 1
    end
    total = total + steps
    if steps > best then best, bestn = steps, n end
  end
  return bestn, best, total
end
report("collatz", collatz(30000 * scale))

local function fnv(n)
  local h = bit.tobit(0x811c9dc5)
  for i = 1, n do
    h = bit.bxor(h, bit.band(i, 0xff))
    h = bit.tobit(h * 1025 + i) -- exact: below 2^53 (tobit keeps the low 32 bits)
    h = bit.bxor(h, bit.rshift(h, 13), bit.lshift(bit.band(h, 0x7f), 5))
    h = bit.rol(h, 3)
  end
  return bit.tohex(h)
end
report("fnv", fnv(300000 * scale))

-- tables: arrays, string keys (printed sorted), sort with a comparator
local function tables(n)
  local a = {}
  for i = 1, n do a[i] = (i * 7919) % 10007 end
  local s = 0
  for i = 1, #a do s = s + a[i] end
  table.sort(a, function(x, y) return x > y end)
  local counts = {}
  for i = 1, n do
    local k = "k" .. (a[i] % 17)
    counts[k] = (counts[k] or 0) + 1
  end
  local keys = {}
  for k in pairs(counts) do keys[#keys + 1] = k end
  table.sort(keys)
  local parts = {}
  for _, k in ipairs(keys) do parts[#parts + 1] = k .. "=" .. counts[k] end
  local q = {}
  for i = 1, 1000 do table.insert(q, i) end
  for _ = 1, 500 do table.remove(q, 1) end
  return s, a[1], a[n], #q, q[1], table.concat(parts, ",")
end
report("tables", tables(50000 * scale))

-- strings: building, formatting, patterns, bytes
local function strings(n)
  local buf = {}
  for i = 1, n do buf[#buf + 1] = fmt("%05d:%x;", i, i * 31) end
  local s = table.concat(buf)
  local digits = select(2, s:gsub("%d", ""))
  local words = 0
  for _ in s:gmatch("(%d+):(%x+);") do words = words + 1 end
  local up = s:sub(1, 40):upper():reverse()
  local sum = 0
  for i = 1, #s, 7 do sum = (sum + s:byte(i) * i) % 1000003 end
  local found = s:find("01234:", 1, true)
  local r = ("ab"):rep(1000, "-")
  return #s, digits, words, up, sum, found, #r, r:sub(1, 8)
end
report("strings", strings(20000 * scale))

-- floats: harmonic sums, Newton's square roots, exact dyadic products
local function floats(n)
  local h = 0
  for i = 1, n do h = h + 1 / i end
  local roots = 0
  for i = 1, 2000 do
    local x = i
    for _ = 1, 20 do x = (x + i / x) / 2 end
    roots = roots + x - math.sqrt(i)
  end
  local d = 0
  for i = 1, n do d = d + (i * 0.5) * (i * 0.25) end
  local tr = 0
  for i = 1, 1000 do tr = tr + math.sin(i / 10) * math.cos(i / 7) end
  return fmt("%.17g", h), fmt("%.17g", roots), fmt("%.17g", d), fmt("%.9f", tr),
    math.floor(h * 1000), fmt("%.17g", math.sqrt(2) / 3)
end
report("floats", floats(400000 * scale))

-- closures whose values change type: guards fail, side traces attach
local function poly(n)
  local function adder(k) return function(x) return x + k end end
  local f, g = adder(3), adder(0.5)
  local acc, cat = 0, {}
  for i = 1, n do
    local v = i % 5 == 0 and g(i) or f(i)
    acc = acc + v
    if i % 997 == 0 then cat[#cat + 1] = tostring(v) end
  end
  local mixed = { 1, 2.5, "3", 4, "5.5" }
  local m = 0
  for i = 1, n do m = m + tonumber(mixed[i % #mixed + 1]) end
  return fmt("%.17g", acc), #cat, cat[1], cat[#cat], fmt("%.17g", m)
end
report("poly", poly(200000 * scale))

-- coroutines: a generator resumed in a hot loop
local function gen(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i * i % 1009) end
  end)
end
local cs = 0
for v in gen(50000 * scale) do cs = cs + v end
report("coroutines", cs)

-- rounds of different loops with jit.flush() in between: each round's traces
-- reuse the machine-code area the previous round's occupied
local rounds = {}
for r = 1, 6 do
  local k = r * 3
  local s = 0
  for i = 1, 20000 * scale do
    if i % k == 0 then s = s + i * r else s = s - r end
  end
  rounds[#rounds + 1] = s
  jit.flush()
end
report("flush", table.concat(rounds, " "))
if on then report("traces", stopped > 0 and "yes" or "none") end
print("done")
