-- make bench: a Lua workload: sieve, string building, table churn; prints a checksum
local scale = tonumber(arg[1] or "1")
local function sieve(n)
    local is, c = {}, 0
    for i = 2, n do is[i] = true end
    for i = 2, n do
        if is[i] then c = c + 1; for j = i * i, n, i do is[j] = false end end
    end
    return c
end
local function churn(n)
    local t, s = {}, 0
    for i = 1, n do
        local k = "k" .. (i * 7919 % 10007)
        t[k] = (t[k] or 0) + i
        s = (s * 31 + #k + (i ~ (i >> 3))) & 0xffffffff
    end
    for _, v in pairs(t) do s = (s + v) & 0xffffffff end
    return s
end
print(sieve(2000000 * scale), churn(400000 * scale))
