-- bench/suggest.lua: GET /api/search/suggest as someone types: each title, name and genre of the
-- mix one letter at a time (and a few typos), so the measurement is every prefix length, not
-- one cached answer. The route's answers are public but never kept in the answer memory.
local words = {
	"toy story", "the godfather", "star wars", "jurassic park", "forrest gump", "pulp fiction",
	"heat", "casablanca", "tom hanks", "spielberg", "comedy", "science fiction",
	"godfater", "jurasic park", "termintor",
}
local queries = {}
for _, w in ipairs(words) do
	for n = 1, #w do
		local q = w:sub(1, n)
		if q:sub(-1) ~= " " then
			queries[#queries + 1] = q:gsub(" ", "+")
		end
	end
end
local i = 0

request = function()
	i = i % #queries + 1
	return wrk.format("GET", "/api/search/suggest?q=" .. queries[i])
end
