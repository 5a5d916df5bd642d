/* catalog-fixture.h: fixture movies, people and genres for the catalog API tests. */
#ifndef STREAMIFY_CATALOG_FIXTURE_H
#define STREAMIFY_CATALOG_FIXTURE_H

/*
 * A language code of this run ("z" + 7 characters of api_unique()): every
 * fixture movie has it unless told otherwise, so "language=" finds exactly
 * them whatever else the database holds.
 */
const char	*fx_lang(void);

/*
 * Insert a movie with the run's language; year 0, rating < 0, duration 0
 * and NULL strings are stored as SQL NULL. genres is "A|B" (created when
 * missing). Returns its id; bails out on failure.
 */
long long	 fx_movie(const char *title, const char *desc, int year, double rating,
		    int votes, double popularity, int duration, const char *genres);

/* Insert a person (profile_path may be NULL). Returns the id. */
long long	 fx_person(const char *name, const char *profile_path);

/* Cast and crew rows. */
void		 fx_cast(long long movie, long long person, const char *character, int order);
void		 fx_crew(long long movie, long long person, const char *job);

/* Rebuild the search index of the given movies (n ids) with tests/api/support-reindex. */
int		 fx_reindex(const long long *ids, int n);

#endif
