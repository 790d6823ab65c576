-- strings, patterns, tables, sorting, integer/float arithmetic, string.pack,
-- utf8, closures, metatables, error handling and coroutines
local t = {}
for i = 1, 200 do t[i] = (i * 7919) % 1009 end
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, ",", 1, 20))
print(string.format("%5.2f|%-8s|%x|%q|%g|%.14g", math.pi, "lua", 255, "a\nb", 1e20, 2 / 3))
print(("hello world from lua"):gsub("(%w+)", "<%1>"))
print(string.find("key = value", "(%w+)%s*=%s*(%w+)"))
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do io.write(k, ":", v, " ") end
print()
print(7 // 2, 7 % -3, -7 // 2, 7 / 2, 2 ^ 10, math.maxinteger, math.mininteger, 1 << 62, 5 & 3 | 8 ~ 1)
print(math.type(1), math.type(1.0), math.tointeger(3.0), 3 == 3.0, 0x7fffffffffffffff + 1 == math.mininteger)
print(string.pack("<i4 d s1", -2, 1.5, "ab"):byte(1, -1))
print(string.unpack(">I2 i8", "\1\2\255\255\255\255\255\255\255\254"))
print(utf8.char(72, 228, 8364, 128512), utf8.len("h\u{e4}\u{20ac}"), #"\u{1F600}")
local function counter()
    local n = 0
    return function() n = n + 1; return n end
end
local c = counter(); c(); c()
print(c())
local V = setmetatable({}, {__index = function(_, k) return k * 2 end, __call = function(_, x) return x + 1 end})
print(V[21], V(41))
print(pcall(function() error({code = 7}) end), select(2, pcall(error, "msg", 0)))
local co = coroutine.create(function(a)
    local s = a
    for i = 1, 3 do s = s + coroutine.yield(s) end
    return "done", s
end)
print(coroutine.resume(co, 1)); print(coroutine.resume(co, 10)); print(coroutine.resume(co, 100))
print(coroutine.resume(co, 1000)); print(coroutine.status(co))
print(os.time({year = 2024, month = 2, day = 29, hour = 12}), os.date("!%Y-%m-%d %H:%M:%S", 1700000000))
print(tostring(nil), tostring(1 / 0), tostring(-1 / 0), tostring(0 / 0) == tostring(0 / 0), 1e15, 1e16, 2^53)
