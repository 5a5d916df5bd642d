-- 012_search_prefix.sql: title words by prefix without the descriptions' and typo variants' rows.
-- A search reads the last query word by prefix (term LIKE 'godf%', kind 0, field 1). In the
-- primary key (term, kind, movie_id, field) that range also holds every description word and
-- deletion variant starting the same way: 2,000,000 index rows for a common prefix on
-- 200,000 movies. This key starts with the field and the kind, so the range is title words only.
ALTER TABLE search_terms ADD KEY search_terms_title (field, kind, term);
