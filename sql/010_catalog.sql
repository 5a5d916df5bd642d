-- 010_catalog.sql: the catalog: movies, genres, people, cast, crew, keywords.

CREATE TABLE movies (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	title		VARCHAR(300) NOT NULL,
	description	TEXT NULL,
	release_year	SMALLINT NULL,
	genres		VARCHAR(500) NOT NULL DEFAULT '',	-- '|'-joined names, in order: the summary reads it without a join
	rating		DECIMAL(3,1) NULL,			-- 0..10
	vote_count	INT UNSIGNED NOT NULL DEFAULT 0,
	popularity	DOUBLE NOT NULL DEFAULT 0,
	poster_url	VARCHAR(500) NULL,
	banner_url	VARCHAR(500) NULL,
	duration	SMALLINT UNSIGNED NULL,			-- minutes
	language	VARCHAR(8) NULL,
	video_path	VARCHAR(500) NULL,			-- under media_base_url
	tmdb_id		BIGINT UNSIGNED NULL,
	imdb_id		VARCHAR(16) NULL,
	movielens_id	BIGINT UNSIGNED NULL,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY movies_tmdb (tmdb_id),
	UNIQUE KEY movies_imdb (imdb_id),
	UNIQUE KEY movies_movielens (movielens_id),
	KEY movies_rating (rating, vote_count),
	KEY movies_year (release_year),
	KEY movies_title (title(100)),
	KEY movies_popularity (popularity),
	KEY movies_language (language, rating)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE genres (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	name		VARCHAR(64) NOT NULL,
	UNIQUE KEY genres_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE movie_genres (
	movie_id	BIGINT UNSIGNED NOT NULL,
	genre_id	INT UNSIGNED NOT NULL,
	position	TINYINT UNSIGNED NOT NULL DEFAULT 0,	-- 0 = the first genre
	PRIMARY KEY (movie_id, genre_id),
	KEY movie_genres_genre (genre_id, movie_id),
	CONSTRAINT movie_genres_movie FOREIGN KEY (movie_id) REFERENCES movies (id) ON DELETE CASCADE,
	CONSTRAINT movie_genres_genre_fk FOREIGN KEY (genre_id) REFERENCES genres (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE people (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	name		VARCHAR(200) NOT NULL,
	tmdb_id		BIGINT UNSIGNED NULL,
	profile_path	VARCHAR(300) NULL,
	UNIQUE KEY people_tmdb (tmdb_id),
	KEY people_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE movie_cast (
	movie_id	BIGINT UNSIGNED NOT NULL,
	person_id	BIGINT UNSIGNED NOT NULL,
	character_name	VARCHAR(300) NULL,
	cast_order	SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	PRIMARY KEY (movie_id, person_id),
	KEY movie_cast_person (person_id),
	CONSTRAINT movie_cast_movie FOREIGN KEY (movie_id) REFERENCES movies (id) ON DELETE CASCADE,
	CONSTRAINT movie_cast_person_fk FOREIGN KEY (person_id) REFERENCES people (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE movie_crew (
	movie_id	BIGINT UNSIGNED NOT NULL,
	person_id	BIGINT UNSIGNED NOT NULL,
	job		VARCHAR(64) NOT NULL,
	PRIMARY KEY (movie_id, person_id, job),
	KEY movie_crew_person (person_id),
	CONSTRAINT movie_crew_movie FOREIGN KEY (movie_id) REFERENCES movies (id) ON DELETE CASCADE,
	CONSTRAINT movie_crew_person_fk FOREIGN KEY (person_id) REFERENCES people (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE keywords (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	name		VARCHAR(200) NOT NULL,
	UNIQUE KEY keywords_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE movie_keywords (
	movie_id	BIGINT UNSIGNED NOT NULL,
	keyword_id	BIGINT UNSIGNED NOT NULL,
	weight		INT UNSIGNED NOT NULL DEFAULT 1,	-- times applied (MovieLens tags)
	PRIMARY KEY (movie_id, keyword_id),
	KEY movie_keywords_keyword (keyword_id),
	CONSTRAINT movie_keywords_movie FOREIGN KEY (movie_id) REFERENCES movies (id) ON DELETE CASCADE,
	CONSTRAINT movie_keywords_keyword_fk FOREIGN KEY (keyword_id) REFERENCES keywords (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
