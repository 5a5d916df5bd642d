// views/home.js: the hero and the rows. One API call per row at most: continue watching,
// recommendations (which may make up to three rows), popular, recently added, and one per
// favourite genre, where the favourite genres come from what the page already has (the
// genres of the continue-watching and recommended movies; a visitor gets a fixed few).
import { api, currentUser } from '../api.js';
import { h, icon, clock } from '../dom.js';
import { artwork, card, row, metaLine, toast } from '../ui.js';
import { toggleList } from './movie.js';
import { here, navigate, reload } from '../router.js';

const NOT_A_GENRE = new Set(['IMAX', '(no genres listed)']);
const FALLBACK_GENRES = ['Drama', 'Comedy', 'Action', 'Thriller', 'Sci-Fi'];
// A visitor's genre rows: fixed, so that they are asked for at once, beside Popular.
const VISITOR_GENRES = ['Action', 'Comedy', 'Drama', 'Sci-Fi'];

export function reasonText(reason) {
	if (!reason)
		return null;
	switch (reason.type) {
	case 'because_you_watched': return reason.title ? `Because you watched ${reason.title}` : 'Because you watched something like it';
	case 'because_you_liked': return reason.title ? `Because you liked ${reason.title}` : 'Because you liked something like it';
	case 'because_you_rated': return reason.title ? `Because you rated ${reason.title}` : 'Because of your ratings';
	case 'popular_in_genre': return reason.genre ? `Popular in ${reason.genre}` : 'Popular';
	case 'popular': return 'Popular on Streamify';
	default: return null;
	}
}

/** The favourite genres, best first: weighted counts over what the page already has. */
export function favouriteGenres(sources, n) {
	const score = new Map();
	const add = (g, w) => {
		if (g && !NOT_A_GENRE.has(g))
			score.set(g, (score.get(g) || 0) + w);
	};
	for (const { movies, weight } of sources)
		for (const m of movies) {
			if (m.reason && m.reason.type === 'popular_in_genre')
				add(m.reason.genre, weight * 2);
			(m.genres || []).forEach((g, i) => add(g, i === 0 ? weight * 1.5 : weight));
		}
	const out = [...score].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([g]) => g).slice(0, n);
	for (const g of FALLBACK_GENRES)
		if (out.length < n && !out.includes(g))
			out.push(g);
	return out;
}

export default async function home(ctx) {
	const { root, signal } = ctx;
	document.title = 'Streamify';
	delete document.documentElement.dataset.homeReady;
	const user = currentUser();
	const hero = h('section.hero.hero-loading', { 'aria-label': 'Featured' }, h('div.hero-art'), h('div.hero-body', null, h('span.sk-line.sk-big'), h('span.sk-line')));
	const rows = h('div.rows');
	root.append(h('h1.visually-hidden', { text: user ? `Home for ${user.username}` : 'Home' }), hero, rows);

	const started = performance.now();
	const pending = [];
	// Painting a row waits for a task of its own: every request the answers make possible (a
	// user's genre rows) leaves first, before building cards keeps the main thread busy.
	const nextTask = () => new Promise((res) => setTimeout(res, 0));
	const paint = (p, done, failed) => {
		pending.push(p.then((v) => nextTask().then(() => done(v)), (e) => nextTask().then(() => failed(e))));
	};
	const opts = { signal };
	const auth = { signal, auth: true };

	// Rows in page order; each fills when its call answers.
	const cwRow = user ? row('Continue watching', { id: 'row-continue', more: '/continue-watching' }) : null;
	const recRows = h('div.rec-rows');
	const popRow = row('Popular on Streamify', { id: 'row-popular', more: '/browse?sort=popularity_desc' });
	const newRow = row('Recently added', { id: 'row-added', more: '/browse?sort=added_desc' });
	const genreRows = h('div.genre-rows');
	if (cwRow)
		rows.append(cwRow.el);
	rows.append(recRows, popRow.el, newRow.el, genreRows);
	let recPlaceholder = null;
	if (user) {
		recPlaceholder = row('Recommended for you', { id: 'row-recs' });
		recRows.append(recPlaceholder.el);
	}

	const cw = user ? api('/continue-watching?limit=20', auth).then((r) => r.results) : Promise.resolve([]);
	const recs = user ? api('/recommendations?limit=30', auth).then((r) => r.results) : Promise.resolve([]);
	const popular = api('/movies/popular?limit=20', opts).then((r) => r.results);
	const added = api('/movies?sort=added_desc&per_page=20', opts).then((r) => r.results);

	// Genre rows: a visitor's are fixed (asked for at once); a user's are the favourite genres,
	// from what the continue-watching and recommendation rows brought.
	const genreNames = user
		? Promise.all([cw.catch(() => []), recs.catch(() => [])]).then(([c, r]) =>
			favouriteGenres([{ movies: c, weight: 3 }, { movies: r.filter((m) => m.reason && m.reason.type !== 'popular'), weight: 1 }], 3))
		: Promise.resolve(VISITOR_GENRES);
	pending.push(genreNames.then((names) => {
		for (const g of names) {
			const r = row(g, { id: `row-genre-${g.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, more: `/browse?genre=${encodeURIComponent(g)}&sort=popularity_desc` });
			genreRows.append(r.el);
			paint(api(`/movies?genre=${encodeURIComponent(g)}&sort=popularity_desc&per_page=20`, opts),
				(res) => res.results.length ? r.fill(res.results.map((m) => card(m))) : r.remove(), (e) => r.fail(e, retry));
		}
	}));

	if (cwRow)
		paint(cw, (list) => fillContinue(cwRow, list), (e) => cwRow.fail(e, retry));
	if (user)
		paint(recs, (list) => fillRecs(recRows, recPlaceholder, list), (e) => recPlaceholder.fail(e, retry));
	paint(popular, (list) => popRow.fill(list.map((m, i) => card(m, { eager: i < 7 }))), (e) => popRow.fail(e, retry));
	paint(added, (list) => list.length ? newRow.fill(list.map((m) => card(m))) : newRow.remove(), (e) => newRow.fail(e, retry));

	// The hero: the first recommendation (a personal one), else the most popular movie.
	paint((async () => {
		const r = await recs.catch(() => []);
		const personal = r.find((m) => m.reason && m.reason.type !== 'popular');
		if (personal)
			return { movie: personal, note: reasonText(personal.reason) };
		const p = await popular.catch(() => []);
		return p.length ? { movie: p[0], note: 'The most watched on Streamify this week' } : null;
	})(), (x) => x ? fillHero(hero, x.movie, x.note) : hero.remove(), () => hero.remove());

	function retry() {
		if (ctx.current)
			reload();
	}

	// pending grows while it is awaited (the genre rows join once their names are known).
	for (let seen = 0; seen < pending.length;) {
		const batch = pending.slice(seen);
		seen = pending.length;
		await Promise.allSettled(batch);
	}
	if (!ctx.current)
		return;
	// For the benchmark and the tests: when every row has its cards.
	const ms = Math.round(performance.now() - started);
	document.documentElement.dataset.homeReady = String(ms);
	performance.mark('streamify:home-rows');
}

function fillContinue(r, list) {
	if (!list.length) {
		r.remove();
		return;
	}
	r.fill(list.map((m) => continueCard(m, r)));
}

function continueCard(m, r) {
	const hide = h('button.card-action', { type: 'button', 'aria-label': `Hide ${m.title} from Continue watching`, title: 'Hide from Continue watching' }, icon('close'));
	const el = card(m, {
		href: `/watch/${m.id}`,
		progress: m.percent != null ? m.percent : null,
		note: m.progress ? `Resume at ${clock(m.progress)}` : null,
		action: hide,
	});
	hide.addEventListener('click', async () => {
		hide.disabled = true;
		try {
			await api(`/continue-watching/${m.id}`, { method: 'DELETE', auth: true });
			const track = el.parentElement;
			el.remove();
			if (track && !track.querySelector('.card'))
				r.remove();
			toast(`${m.title} is hidden from Continue watching.`);
		} catch (e) {
			hide.disabled = false;
			toast(e.message, 'error');
		}
	});
	return el;
}

/**
 * The recommendations: a row "Because you liked X" for each seed that brought four or more
 * movies (two at most), the rest in "Recommended for you", each card with its reason.
 * When every one is merely popular (a new user), the Popular row already shows them.
 */
function fillRecs(container, placeholder, list) {
	if (!list.length || list.every((m) => !m.reason || m.reason.type === 'popular')) {
		placeholder.remove();
		return;
	}
	const bySeed = new Map();
	for (const m of list)
		if (m.reason && /^because_/.test(m.reason.type) && m.reason.movie_id) {
			const k = `${m.reason.type}:${m.reason.movie_id}`;
			if (!bySeed.has(k))
				bySeed.set(k, []);
			bySeed.get(k).push(m);
		}
	const groups = [...bySeed.values()].filter((g) => g.length >= 4).sort((a, b) => b.length - a.length).slice(0, 2);
	const grouped = new Set(groups.flat());
	const rest = list.filter((m) => !grouped.has(m));
	placeholder.el.remove();
	if (rest.length) {
		const r = row('Recommended for you', { id: 'row-recs' });
		r.fill(rest.map((m) => card(m, { note: reasonText(m.reason) })));
		container.append(r.el);
	}
	groups.forEach((g, i) => {
		const r = row(reasonText(g[0].reason), { id: `row-recs-${i + 1}` });
		r.el.classList.add('row-because');
		r.fill(g.map((m) => card(m, { note: reasonText(m.reason) })));
		container.append(r.el);
	});
}

function fillHero(hero, m, note) {
	hero.classList.remove('hero-loading');
	const listBtn = h('button.btn.btn-glass', { type: 'button', 'aria-pressed': 'false' }, icon('plus'), 'My list');
	listBtn.addEventListener('click', () => {
		if (!currentUser()) {
			navigate(`/login?next=${encodeURIComponent(here())}`);
			return;
		}
		toggleList(listBtn, m, 'watchlist');
	});
	hero.replaceChildren(
		h('div.hero-art', null, artwork(m, { wide: true, eager: true })),
		h('div.hero-body', null,
			note ? h('p.hero-note', { text: note }) : null,
			h(`h2.hero-title${m.title.length > 40 ? '.hero-title-long' : m.title.length > 22 ? '.hero-title-mid' : ''}`, null, h('a', { href: `/movie/${m.id}`, text: m.title })),
			h('p.hero-meta', null, metaLine(m), m.genres && m.genres.length ? h('span.hero-genres', { text: m.genres.slice(0, 3).join(' · ') }) : null),
			m.overview ? h('p.hero-overview', { text: m.overview }) : null,
			h('p.actions', null,
				h('a.btn.btn-primary.btn-big', { href: `/watch/${m.id}` }, icon('play'), 'Play'),
				listBtn,
				h('a.btn.btn-glass.btn-more', { href: `/movie/${m.id}` }, 'More info'))));
}
