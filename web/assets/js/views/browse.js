// views/browse.js: /browse?genre=&year_from=&year_to=&min_rating=&language=&sort=&page=
// Every filter, the sort and the page live in the address: a change pushes a new entry, so
// Back goes to the previous view and a link shows the same one.
import { api, genres, languages } from '../api.js';
import { h, fill } from '../dom.js';
import { card, grid, loadingGrid, emptyState, errorBox, pager } from '../ui.js';
import { navigate, reload } from '../router.js';

const PER_PAGE = 24;
export const SORTS = [
	['rating_desc', 'Top rated'],
	['popularity_desc', 'Most popular'],
	['added_desc', 'Recently added'],
	['year_desc', 'Newest first'],
	['year_asc', 'Oldest first'],
	['title_asc', 'Title A–Z'],
	['title_desc', 'Title Z–A'],
	['rating_asc', 'Lowest rated'],
];
const RATINGS = [['', 'Any rating'], ['9', '9 and up'], ['8', '8 and up'], ['7', '7 and up'], ['6', '6 and up'], ['5', '5 and up']];
const KEYS = ['genre', 'year_from', 'year_to', 'min_rating', 'language', 'sort'];

function langName(code) {
	try {
		return new Intl.DisplayNames(['en'], { type: 'language' }).of(code === 'cn' ? 'yue' : code);
	} catch {
		return code;
	}
}

/** The query of a browse view: only the parameters that are set, page 1 left out. */
export function browseUrl(values, page = 1) {
	const q = new URLSearchParams();
	for (const k of KEYS)
		if (values[k])
			q.set(k, values[k]);
	if (page > 1)
		q.set('page', String(page));
	const s = q.toString();
	return s ? `/browse?${s}` : '/browse';
}

export default async function browse(ctx) {
	const { root, query, signal } = ctx;
	const values = Object.fromEntries(KEYS.map((k) => [k, query.get(k) || '']));
	const page = Math.max(1, Number.parseInt(query.get('page') || '1', 10) || 1);
	document.title = `${values.genre ? `${values.genre} · ` : ''}Browse · Streamify`;

	const genreSel = h('select', { id: 'f-genre', name: 'genre' }, h('option', { value: '', text: 'All genres' }));
	const sortSel = h('select', { id: 'f-sort', name: 'sort' }, SORTS.map(([v, t]) => h('option', { value: v, text: t, selected: (values.sort || 'rating_desc') === v })));
	const ratingSel = h('select', { id: 'f-min_rating', name: 'min_rating' }, RATINGS.map(([v, t]) => h('option', { value: v, text: t, selected: values.min_rating === v })));
	if (values.min_rating && !RATINGS.some(([v]) => v === values.min_rating))
		ratingSel.append(h('option', { value: values.min_rating, text: `${values.min_rating} and up`, selected: true }));
	// Filled from GET /languages: only the languages the catalog has (none in MovieLens alone).
	const langSel = h('select', { id: 'f-language', name: 'language' }, h('option', { value: '', text: 'Any language' }));
	if (values.language)
		langSel.append(h('option', { value: values.language, text: langName(values.language), selected: true }));
	const thisYear = new Date().getFullYear();
	const yearFrom = h('input', { id: 'f-year_from', name: 'year_from', type: 'number', inputmode: 'numeric', min: '1870', max: String(thisYear + 1), placeholder: 'From', value: values.year_from });
	const yearTo = h('input', { id: 'f-year_to', name: 'year_to', type: 'number', inputmode: 'numeric', min: '1870', max: String(thisYear + 1), placeholder: 'To', value: values.year_to });

	const form = h('form.filters', { 'aria-label': 'Filters' },
		h('div.field', null, h('label', { for: 'f-genre', text: 'Genre' }), genreSel),
		h('div.field', null, h('label', { for: 'f-sort', text: 'Sort by' }), sortSel),
		h('div.field.years', { role: 'group', 'aria-labelledby': 'years-label' }, h('span.label', { id: 'years-label', text: 'Years' }),
			h('div.years-inputs', null,
				h('label.visually-hidden', { for: 'f-year_from', text: 'From year' }), yearFrom,
				h('span.dash', { 'aria-hidden': 'true', text: '–' }),
				h('label.visually-hidden', { for: 'f-year_to', text: 'To year' }), yearTo)),
		h('div.field', null, h('label', { for: 'f-min_rating', text: 'Rating' }), ratingSel),
		h('div.field', null, h('label', { for: 'f-language', text: 'Language' }), langSel),
		KEYS.some((k) => k !== 'sort' && values[k]) ? h('a.btn.btn-ghost.btn-small.clear', { href: values.sort ? `/browse?sort=${values.sort}` : '/browse' }, 'Clear filters') : null,
		h('button.visually-hidden', { type: 'submit' }, 'Apply'));
	const apply = () => {
		const v = Object.fromEntries(KEYS.map((k) => [k, (form.elements[k].value || '').trim()]));
		if (v.sort === 'rating_desc')
			v.sort = '';
		navigate(browseUrl(v), { keepFocus: true });
	};
	// After the change, so that the focus has moved on (Tab out of a year field) and stays
	// where the user put it when the view renders again.
	form.addEventListener('change', () => setTimeout(apply, 0));
	form.addEventListener('submit', (e) => { e.preventDefault(); apply(); });

	const summary = h('p.summary.muted', { 'aria-live': 'polite' });
	const results = h('div.results', null, loadingGrid(PER_PAGE));
	root.append(h('section.browse', null, h('h1.page-title', { text: values.genre ? `${values.genre} movies` : 'Browse', tabindex: '-1' }), form, summary, results));

	languages(signal).then((list) => {
		for (const l of list)
			if (l.code !== values.language)
				langSel.append(h('option', { value: l.code, text: `${langName(l.code)} (${l.movie_count.toLocaleString()})` }));
		langSel.closest('.field').hidden = list.length === 0 && !values.language;
	}, () => { /* the filter keeps what the address says */ });

	genres(signal).then((list) => {
		for (const g of list)
			genreSel.append(h('option', { value: g.name, text: g.name, selected: values.genre.toLowerCase() === g.name.toLowerCase() }));
		if (values.genre && !list.some((g) => g.name.toLowerCase() === values.genre.toLowerCase()))
			genreSel.append(h('option', { value: values.genre, text: values.genre, selected: true }));
	}, () => {
		if (values.genre)
			genreSel.append(h('option', { value: values.genre, text: values.genre, selected: true }));
	});

	const q = new URLSearchParams();
	for (const k of KEYS)
		if (values[k])
			q.set(k, values[k]);
	q.set('page', String(page));
	q.set('per_page', String(PER_PAGE));
	let r;
	try {
		r = await api(`/movies?${q}`, { signal });
	} catch (e) {
		if (signal.aborted)
			return;
		results.replaceChildren(errorBox(e, () => reload()));
		summary.textContent = '';
		return;
	}
	const sortName = (SORTS.find(([v]) => v === (values.sort || 'rating_desc')) || [, ''])[1];
	summary.textContent = r.total_results
		? `${r.total_results.toLocaleString()} ${r.total_results === 1 ? 'movie' : 'movies'} · ${sortName}`
		: '';
	if (!r.results.length) {
		results.replaceChildren(r.total_results
			? emptyState('There is no such page.', `These filters give ${r.total_pages.toLocaleString()} pages.`, h('a.btn', { href: browseUrl(values, 1) }, 'First page'))
			: emptyState('No movies match these filters.', 'Try another genre, a wider range of years or a lower rating.', h('a.btn', { href: '/browse' }, 'Clear filters')));
		return;
	}
	fill(results, grid(r.results.map((m, i) => card(m, { eager: i < 12 })), 'Movies'),
		pager(page, r.total_pages, (p) => browseUrl(values, p)));
}
