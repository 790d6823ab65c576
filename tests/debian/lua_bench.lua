-- a small workload: sieve, fibonacci with memo, string building, table churn
local function sieve(n)
    local is, c = {}, 0
    for i = 2, n do is[i] = true end
    for i = 2, n do
        if is[i] then
            c = c + 1
            for j = i * i, n, i do is[j] = false end
        end
    end
    return c
end
local memo = {}
local function fib(n)
    if n < 2 then return n end
    if memo[n] then return memo[n] end
    local v = (fib(n - 1) + fib(n - 2)) % 1000000007
    memo[n] = v
    return v
end
local function nfib(n) if n < 2 then return n end return nfib(n - 1) + nfib(n - 2) end
local parts = {}
for i = 1, 5000 do parts[#parts + 1] = string.format("%d:%s", i, string.rep("x", i % 5)) end
local s = table.concat(parts, ";")
local sum = 0
for num in s:gmatch("(%d+):") do sum = sum + tonumber(num) end
local h = 0
for i = 1, #s do h = (h * 31 + s:byte(i)) & 0xffffffff end
print(sieve(50000), fib(1000), nfib(20), #s, sum, h)
