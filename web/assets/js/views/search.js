// views/search.js: /search?q=...&page=: the results of the header's search field, which
// updates the address as the user types (debounced, in app.js). Down arrow in the field goes
// to the results; arrows move between them; Escape or Up from the first row goes back.
import { api } from '../api.js';
import { h, fill } from '../dom.js';
import { card, arrowKeys, loadingGrid, emptyState, errorBox, pager } from '../ui.js';
import { reload } from '../router.js';

const PER_PAGE = 24;

function searchUrl(q, page) {
	const p = new URLSearchParams({ q });
	if (page > 1)
		p.set('page', String(page));
	return `/search?${p}`;
}

export default async function search(ctx) {
	const { root, query, signal } = ctx;
	const q = (query.get('q') || '').trim();
	const page = Math.max(1, Number.parseInt(query.get('page') || '1', 10) || 1);
	const input = document.getElementById('search-input');
	if (input && document.activeElement !== input && input.value.trim() !== q)
		input.value = q;
	document.title = q ? `“${q}” · Search · Streamify` : 'Search · Streamify';
	const heading = h('h1.page-title', { tabindex: '-1' }, q ? `Results for “${q}”` : 'Search');
	const summary = h('p.summary.muted', { 'aria-live': 'polite' });
	const results = h('div.results', { id: 'search-results' });
	root.append(h('section.search-view', null, heading, summary, results));
	const back = () => {
		if (input)
			input.focus();
	};
	arrowKeys(results, 'grid', { onEscape: back });

	if (!q) {
		results.append(emptyState('Find a movie', 'Type a title, an actor or a director in the search field. A typo is fine: “godfater” finds The Godfather.'));
		return;
	}
	if (q.length > 200) {
		results.append(emptyState('That is a long search', 'Searches are up to 200 characters.'));
		return;
	}
	results.append(loadingGrid(12));
	let r;
	try {
		r = await api(`/search?q=${encodeURIComponent(q)}&page=${page}&per_page=${PER_PAGE}`, { signal });
	} catch (e) {
		if (signal.aborted)
			return;
		results.replaceChildren(errorBox(e, () => reload()));
		return;
	}
	if (!r.results.length) {
		summary.textContent = '';
		results.replaceChildren(r.total_results
			? emptyState('There is no such page.', null, h('a.btn', { href: searchUrl(q, 1) }, 'First page'))
			: emptyState(`Nothing matches “${q}”`, 'Check the spelling, try fewer words, or browse the catalog by genre.', h('a.btn', { href: '/browse' }, 'Browse')));
		return;
	}
	summary.textContent = `${r.total_results.toLocaleString()} ${r.total_results === 1 ? 'result' : 'results'}`;
	fill(results, h('div.grid', { role: 'list', 'aria-label': `Results for ${q}` }, r.results.map((m, i) => card(m, { eager: i < 12 }))),
		pager(page, r.total_pages, (p) => searchUrl(q, p)));
}
