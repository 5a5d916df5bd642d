// views/movie.js: /movie/:id: backdrop, facts, Play / Resume, My list, Favourite, your
// rating in half stars, cast and directors, then "More like this" (the detail's similar
// movies: no second call).
import { api, currentUser } from '../api.js';
import { h, icon, clock, runtime } from '../dom.js';
import { artwork, card, row, errorBox, stars, toast } from '../ui.js';
import { here, reload } from '../router.js';

const LIST = {
	watchlist: { on: 'In my list', off: 'My list', iconOn: 'check', iconOff: 'plus', added: 'Added to My list.', removed: 'Removed from My list.' },
	favorites: { on: 'Favourite', off: 'Favourite', iconOn: 'heart', iconOff: 'heart', added: 'Marked as a favourite.', removed: 'No longer a favourite.' },
};

/** Paints a list toggle button for its state. */
export function paintToggle(btn, kind, on) {
	const l = LIST[kind];
	btn.setAttribute('aria-pressed', on ? 'true' : 'false');
	btn.replaceChildren(icon(on ? l.iconOn : l.iconOff), on ? l.on : l.off);
	btn.classList.toggle('is-on', on);
}

/** Adds to or removes from the watchlist or favorites, as the button's state says. */
export async function toggleList(btn, m, kind) {
	const on = btn.getAttribute('aria-pressed') === 'true';
	btn.disabled = true;
	try {
		await api(`/${kind}/${m.id}`, { method: on ? 'DELETE' : 'POST', auth: true });
		paintToggle(btn, kind, !on);
		toast(on ? LIST[kind].removed : LIST[kind].added);
	} catch (e) {
		toast(e.message, 'error');
	} finally {
		btn.disabled = false;
	}
}

export default async function movie(ctx) {
	const { root, params, signal } = ctx;
	const id = Number(params.id);
	const wrap = h('article.movie.movie-loading', { 'aria-busy': 'true' },
		h('div.backdrop', null, h('div.art.art-wide')),
		h('div.movie-main', null, h('div.movie-poster', null, h('div.art')), h('div.movie-info', null, h('span.sk-line.sk-big'), h('span.sk-line'), h('span.sk-line.short'))));
	root.append(wrap);
	let m;
	try {
		const r = await api(`/movies/${id}`, { signal, auth: 'opt' });
		m = r.data;
	} catch (e) {
		if (signal.aborted)
			return;
		wrap.replaceWith(errorBox(e, e.status === 404 ? null : () => reload()));
		document.title = 'Movie not found · Streamify';
		return;
	}
	document.title = `${m.title}${m.release_year ? ` (${m.release_year})` : ''} · Streamify`;
	const user = currentUser();
	const us = m.user_state || null;

	const facts = [];
	if (m.release_year)
		facts.push(h('span', { text: m.release_year }));
	if (m.genres && m.genres.length)
		facts.push(h('span.genre-links', null, m.genres.map((g, i) => [i ? ', ' : null, h('a', { href: `/browse?genre=${encodeURIComponent(g)}`, text: g })])));
	if (m.duration)
		facts.push(h('span', { text: runtime(m.duration) }));
	if (m.language)
		facts.push(h('span.lang', { text: m.language.toUpperCase() }));
	const sep = (list) => list.flatMap((x, i) => (i ? [h('span.dot', { 'aria-hidden': 'true', text: '·' }), x] : [x]));

	const score = typeof m.rating === 'number'
		? h('p.movie-score', null, icon('star', 'icon icon-star'), h('strong', { text: m.rating.toFixed(1) }), h('span.muted', { text: ` / 10 · ${m.vote_count.toLocaleString()} ${m.vote_count === 1 ? 'vote' : 'votes'}` }))
		: h('p.movie-score.muted', { text: 'Not rated yet' });

	// Play / Resume.
	const progress = us && us.progress > 0 ? us.progress : 0;
	const play = h('a.btn.btn-primary.btn-big', { href: `/watch/${m.id}`, id: 'play' }, icon('play'), progress ? `Resume at ${clock(progress)}` : 'Play');
	const actions = h('p.actions', null, play);
	if (user && us) {
		const wl = h('button.btn.btn-toggle', { type: 'button', id: 'toggle-watchlist' });
		paintToggle(wl, 'watchlist', !!us.in_watchlist);
		wl.addEventListener('click', () => toggleList(wl, m, 'watchlist'));
		const fav = h('button.btn.btn-toggle.btn-fav', { type: 'button', id: 'toggle-favorite' });
		paintToggle(fav, 'favorites', !!us.favorite);
		fav.addEventListener('click', () => toggleList(fav, m, 'favorites'));
		actions.append(wl, fav);
	} else {
		const next = encodeURIComponent(here());
		actions.append(h('a.btn', { href: `/login?next=${next}` }, icon('plus'), 'My list'),
			h('a.btn', { href: `/login?next=${next}` }, icon('heart'), 'Favourite'));
	}
	if (progress)
		actions.append(h('a.btn.btn-ghost', { href: `/watch/${m.id}?from=start` }, 'Play from the start'));

	let rating;
	if (user && us) {
		rating = h('div.your-rating', null, h('span.label', { text: 'Your rating' }),
			stars(us.user_rating || 0, async (v, revert) => {
				try {
					if (v)
						await api(`/ratings/${m.id}`, { method: 'PUT', auth: true, body: { score: v } });
					else
						await api(`/ratings/${m.id}`, { method: 'DELETE', auth: true });
					toast(v ? `You rated ${m.title} ${v} of 5.` : 'Your rating is removed.');
					us.user_rating = v || null;
				} catch (e) {
					revert(us.user_rating || 0);
					toast(e.message, 'error');
				}
			}));
	} else {
		rating = h('p.rate-signin.muted', null, h('a', { href: `/login?next=${encodeURIComponent(here())}` }, 'Sign in'), ' to rate this movie.');
	}

	const people = [];
	if (m.directors && m.directors.length)
		people.push(h('p.people', null, h('span.label', { text: m.directors.length > 1 ? 'Directors' : 'Director' }), ' ', m.directors.map((d) => d.name).join(', ')));
	if (m.cast && m.cast.length)
		people.push(h('div.people', null, h('span.label', { text: 'Cast' }),
			h('ul.cast', null, m.cast.slice(0, 12).map((c) => h('li', null, h('span.cast-name', { text: c.name }), c.character ? h('span.cast-role', { text: c.character }) : null)))));

	const poster = h('div.movie-poster', null, artwork(m, { eager: true }));
	const info = h('div.movie-info', null,
		h('h1.movie-title', { text: m.title, tabindex: '-1' }),
		h('p.movie-facts', null, sep(facts)),
		score,
		actions,
		rating,
		m.overview ? h('p.overview', { text: m.overview }) : h('p.overview.muted', { text: 'The catalog has no overview of this movie yet.' }),
		people);
	const backdrop = h('div.backdrop', null, artwork(m, { wide: true, eager: true }));
	const main = h('div.movie-main', null, poster, info);
	wrap.classList.remove('movie-loading');
	wrap.removeAttribute('aria-busy');
	wrap.replaceChildren(backdrop, main);

	const similar = m.similar_movies || [];
	const r = row('More like this', { id: 'row-similar' });
	if (similar.length)
		r.fill(similar.map((s) => card(s)));
	else
		r.empty('Similar movies appear here once the nightly recommendations have run.');
	wrap.append(r.el);
}
