-- login.lua: POST /api/login with a registered user's right password. Logins are paced to
-- BENCH_LOGIN_RATE per second in all (default 2): nginx allows 10 a second per address and
-- each login costs one scrypt hash, so the line measures a login's latency, not a queue.
package.path = package.path .. ";" .. (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua"
local account = require("account")
local rate = tonumber(os.getenv("BENCH_LOGIN_RATE") or "2")
local conns = tonumber(os.getenv("BENCH_CONNECTIONS") or "32")

function init(args)
	local name = account.register(account.base())
	wrk.method = "POST"
	wrk.headers["Content-Type"] = "application/json"
	wrk.body = string.format('{"username":"%s","password":"bench password 1"}', name)
end

function delay()
	return math.floor(conns * 1000 / rate)
end
