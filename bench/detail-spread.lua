-- bench/detail-spread.lua: GET /api/movies/{id} over the whole MovieLens catalog (ids 1..9742),
-- each id once per round, in an order that jumps across the catalog (a fixed step coprime to
-- the count): the detail of any movie, not a few remembered ones. The first round fills the
-- host's answer memory (lib/shcache.c); after it, it holds the whole catalog.
local n, i = 9742, 0
local step = 7919	-- prime, and 9742 = 2 x 4871: every id comes once per n requests

request = function()
	i = i + 1
	return wrk.format("GET", "/api/movies/" .. ((i * step) % n + 1))
end
