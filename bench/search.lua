-- bench/search.lua: GET /api/search with a rotating mix of exact, prefix (being typed), typo and
-- people queries, so the measurement is not one cached plan and one candidate set.
local queries = {
	"toy+story", "the+godfather", "jumanji", "heat", "casino", "forrest+gump", -- exact
	"star+w", "godf", "the+matr", "jurass", "pulp+fic", "termin",            -- prefix
	"godfater", "jurasic+park", "termintor", "forest+gump", "casablanka",     -- one typo
	"hanks", "spielberg", "tarantino", "leon", "amelie",                      -- people, accents
}
local i = 0

request = function()
	i = i % #queries + 1
	return wrk.format("GET", "/api/search?q=" .. queries[i])
end
