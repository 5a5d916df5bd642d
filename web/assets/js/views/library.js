// views/library.js: the signed-in user's lists: /my-list (the watchlist), /favorites,
// /history, /continue-watching (with Hide) and /ratings, each a grid with paging where the
// API pages, and a remove button on each card where the API can remove.
import { api, signedIn } from '../api.js';
import { h, fill, icon, clock, date } from '../dom.js';
import { card, grid, loadingGrid, emptyState, errorBox, pager, signInPrompt, toast } from '../ui.js';
import { reload } from '../router.js';

const PER_PAGE = 24;

const LISTS = {
	'my-list': {
		title: 'My list', path: '/watchlist', paged: true, what: 'your list',
		empty: ['Your list is empty', 'Add movies with “My list” on a movie page, and they wait for you here.'],
		remove: { path: (m) => `/watchlist/${m.id}`, label: (m) => `Remove ${m.title} from My list`, done: (m) => `${m.title} is off your list.` },
		note: (m) => m.added_at ? `Added ${date(m.added_at)}` : null,
	},
	favorites: {
		title: 'Favourites', path: '/favorites', paged: true, what: 'your favourites',
		empty: ['No favourites yet', 'Mark a movie with the heart on its page.'],
		remove: { path: (m) => `/favorites/${m.id}`, label: (m) => `Remove ${m.title} from Favourites`, done: (m) => `${m.title} is no longer a favourite.` },
		note: (m) => m.added_at ? `Added ${date(m.added_at)}` : null,
	},
	history: {
		title: 'Watch history', path: '/history', paged: true, what: 'your history',
		empty: ['Nothing watched yet', 'What you play shows up here, most recent first.'],
		note: (m) => m.completed && !m.progress ? `Watched${m.play_count > 1 ? ` ${m.play_count} times` : ''}` : (m.progress ? `Stopped at ${clock(m.progress)}` : `Played ${date(m.last_played_at)}`),
		progress: (m) => (m.progress && m.percent != null ? m.percent : null),
	},
	'continue-watching': {
		title: 'Continue watching', path: '/continue-watching?limit=50', paged: false, what: 'what you are watching',
		empty: ['Nothing in progress', 'Movies you stop part way through wait here.'],
		remove: { path: (m) => `/continue-watching/${m.id}`, label: (m) => `Hide ${m.title} from Continue watching`, done: (m) => `${m.title} is hidden until you play it again.`, icon: 'close' },
		note: (m) => m.progress ? `Resume at ${clock(m.progress)}` : null,
		progress: (m) => (m.percent != null ? m.percent : null),
		href: (m) => `/watch/${m.id}`,
	},
	ratings: {
		title: 'Your ratings', path: '/ratings', paged: true, what: 'your ratings',
		empty: ['No ratings yet', 'Rate movies in half stars on their pages; your recommendations learn from them.'],
		remove: { path: (m) => `/ratings/${m.id}`, label: (m) => `Remove your rating of ${m.title}`, done: (m) => `Your rating of ${m.title} is removed.` },
		note: (m) => `Your rating: ${'★'.repeat(Math.floor(m.score))}${m.score % 1 ? '½' : ''} ${m.score}`,
	},
};

export const LIST_ROUTES = Object.keys(LISTS);

export function listView(name) {
	const L = LISTS[name];
	return async function view(ctx) {
		const { root, query, signal } = ctx;
		document.title = `${L.title} · Streamify`;
		const summary = h('p.summary.muted');
		const body = h('div.results', null, loadingGrid(12));
		root.append(h('section.library', null, h('h1.page-title', { text: L.title, tabindex: '-1' }), summary, body));
		if (!signedIn()) {
			body.replaceChildren(signInPrompt(L.what));
			return;
		}
		const page = Math.max(1, Number.parseInt(query.get('page') || '1', 10) || 1);
		let r;
		try {
			const sep = L.path.includes('?') ? '&' : '?';
			r = await api(L.paged ? `${L.path}${sep}page=${page}&per_page=${PER_PAGE}` : L.path, { signal, auth: true });
		} catch (e) {
			if (signal.aborted)
				return;
			body.replaceChildren(e.status === 401 ? signInPrompt(L.what) : errorBox(e, () => reload()));
			return;
		}
		const total = L.paged ? r.total_results : r.results.length;
		const count = () => {
			summary.textContent = total ? `${total.toLocaleString()} ${total === 1 ? 'movie' : 'movies'}` : '';
		};
		count();
		if (!r.results.length) {
			body.replaceChildren(emptyState(...L.empty, h('a.btn', { href: '/browse' }, 'Browse movies')));
			return;
		}
		let left = r.results.length;
		const cards = r.results.map((m) => {
			let action = null;
			if (L.remove) {
				action = h('button.card-action', { type: 'button', 'aria-label': L.remove.label(m), title: L.remove.label(m) }, icon(L.remove.icon || 'close'));
				action.addEventListener('click', async () => {
					action.disabled = true;
					try {
						await api(L.remove.path(m), { method: 'DELETE', auth: true });
						el.remove();
						toast(L.remove.done(m));
						left--;
						if (!left)
							body.replaceChildren(emptyState(...L.empty, h('a.btn', { href: '/browse' }, 'Browse movies')));
					} catch (e) {
						action.disabled = false;
						toast(e.message, 'error');
					}
				});
			}
			const el = card(m, { note: L.note(m), progress: L.progress ? L.progress(m) : null, href: L.href ? L.href(m) : null, action });
			return el;
		});
		fill(body, grid(cards, L.title),
			L.paged ? pager(page, r.total_pages, (p) => `/${name}${p > 1 ? `?page=${p}` : ''}`) : null);
	};
}
