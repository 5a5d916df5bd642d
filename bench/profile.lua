-- profile.lua: GET /api/profile with a bearer token: what every authenticated request pays
-- (JWT check and one indexed lookup of the login) plus the profile's own reads.
package.path = package.path .. ";" .. (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua"
local account = require("account")

function init(args)
	local _, token = account.register(account.base())
	wrk.headers["Authorization"] = "Bearer " .. token
end
