// app.js: the page's entry point: the routes, the header (search as you type, the account
// menu, the unread count), the banner that says why the API is down, and the start.
import { events, restore, currentUser, api, health } from './api.js';
import { route, fallback, start, navigate, here, reload } from './router.js';
import { h, icon, debounce } from './dom.js';
import { emptyState, toast } from './ui.js';
import home from './views/home.js';
import browse from './views/browse.js';
import search from './views/search.js';
import movie from './views/movie.js';
import player from './views/player.js';
import { loginView, registerView } from './views/auth.js';
import { listView, LIST_ROUTES } from './views/library.js';
import { accountView, plansView, paymentsView, notificationsView, signOut } from './views/account.js';

route('/', home);
route('/browse', browse);
route('/search', search);
route('/movie/:id', movie);
route('/watch/:id', player);
route('/login', loginView);
route('/register', registerView);
route('/account', accountView);
route('/plans', plansView);
route('/payments', paymentsView);
route('/notifications', notificationsView);
for (const name of LIST_ROUTES)
	route(`/${name}`, listView(name));
fallback(async ({ root }) => {
	document.title = 'Not found · Streamify';
	root.append(h('h1.page-title', { text: 'There is no such page', tabindex: '-1' }),
		emptyState('This address shows nothing.', 'The link may be old. The catalog is a click away.', h('a.btn.btn-primary', { href: '/' }, 'Go home')));
});

// ---- the header ----

const accountArea = document.getElementById('account-area');
let unread = 0;
let booted = false;
let menuListeners = null;	// the document listeners of the current menu

function paintAccount() {
	const user = currentUser();
	if (menuListeners)
		menuListeners.abort();
	menuListeners = new AbortController();
	const { signal } = menuListeners;
	if (!user) {
		accountArea.replaceChildren(
			h('a.btn.btn-small.btn-primary', { href: '/login', id: 'signin-link' }, 'Sign in'));
		return;
	}
	const badge = h('span.badge', { hidden: !unread, text: unread > 99 ? '99+' : String(unread) });
	const bell = h('a.icon-btn.bell', { href: '/notifications', 'aria-label': unread ? `Notifications, ${unread} unread` : 'Notifications', id: 'bell' }, icon('bell'), badge);
	const btn = h('button.me', { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'me-menu', id: 'me-button' },
		h('span.avatar', { 'aria-hidden': 'true', text: (user.username[0] || '?').toUpperCase() }),
		h('span.me-name', { text: user.username }));
	const out = h('button', { type: 'button' }, 'Sign out');
	const menu = h('nav.menu', { id: 'me-menu', hidden: true, 'aria-label': 'Your account' }, h('ul', null,
		[['/account', 'Account'], ['/my-list', 'My list'], ['/favorites', 'Favourites'], ['/continue-watching', 'Continue watching'],
			['/history', 'History'], ['/ratings', 'Ratings'], ['/plans', 'Plans'], ['/payments', 'Payments'], ['/notifications', 'Notifications']]
			.map(([href, t]) => h('li', null, h('a', { href, text: t }))),
		h('li.sep', null, out)));
	const toggle = (open) => {
		menu.hidden = !open;
		btn.setAttribute('aria-expanded', String(open));
	};
	btn.addEventListener('click', () => {
		toggle(menu.hidden);
		if (!menu.hidden)
			menu.querySelector('a').focus();
	});
	menu.addEventListener('keydown', (e) => {
		if (e.key === 'Escape') {
			toggle(false);
			btn.focus();
		}
	});
	menu.addEventListener('click', (e) => {
		if (e.target.closest('a'))
			toggle(false);
	});
	document.addEventListener('click', (e) => {
		if (!menu.hidden && !menu.contains(e.target) && !btn.contains(e.target))
			toggle(false);
	}, { signal });
	document.addEventListener('routechange', () => toggle(false), { signal });
	out.addEventListener('click', () => {
		toggle(false);
		signOut();
	});
	accountArea.replaceChildren(bell, h('div.me-wrap', null, btn, menu));
}

function setUnread(n) {
	unread = Number(n) || 0;
	const badge = accountArea.querySelector('.badge');
	const bell = document.getElementById('bell');
	if (badge) {
		badge.hidden = !unread;
		badge.textContent = unread > 99 ? '99+' : String(unread);
	}
	if (bell)
		bell.setAttribute('aria-label', unread ? `Notifications, ${unread} unread` : 'Notifications');
}

async function fetchUnread() {
	if (!currentUser())
		return;
	try {
		const r = await api('/notifications?per_page=1', { auth: true });
		setUnread(r.unread_count);
	} catch { /* the badge waits for the next try */ }
}

document.addEventListener('unread', (e) => setUnread(e.detail));

// Main navigation: which view is current.
document.addEventListener('routechange', (e) => {
	const path = e.detail.path;
	for (const a of document.querySelectorAll('[data-nav]')) {
		const target = a.getAttribute('href');
		const on = target === '/' ? path === '/' : path.startsWith(target);
		if (on)
			a.setAttribute('aria-current', 'page');
		else
			a.removeAttribute('aria-current');
	}
	if (path !== '/search' && document.activeElement !== searchInput)
		searchInput.value = '';
});

// ---- search as you type ----

const searchForm = document.getElementById('search-form');
const searchInput = document.getElementById('search-input');

function goSearch() {
	const q = searchInput.value.trim();
	const url = q ? `/search?q=${encodeURIComponent(q)}` : '/search';
	if (url === here())
		return;
	// The first keystroke makes one history entry; the rest of the typing replaces it.
	navigate(url, { replace: location.pathname === '/search' });
}
const typed = debounce(goSearch, 250);
searchInput.addEventListener('input', typed);
searchForm.addEventListener('submit', (e) => {
	e.preventDefault();
	typed.cancel();
	goSearch();
});
searchInput.addEventListener('keydown', (e) => {
	if (e.key === 'ArrowDown') {
		const first = document.querySelector('#search-results .card-link');
		if (first) {
			e.preventDefault();
			first.focus();
		}
	} else if (e.key === 'Escape' && searchInput.value) {
		searchInput.value = '';
		typed();
	}
});

// ---- the API is down: say why ----

const banner = document.getElementById('banner');
let watching = false;

async function checkHealth() {
	const hl = await health();
	if (hl.ok) {
		if (!banner.hidden) {
			banner.hidden = true;
			toast('Streamify is back.');
		}
		watching = false;
		return;
	}
	const retry = h('button.btn.btn-small', { type: 'button' }, 'Retry');
	retry.addEventListener('click', () => {
		checkHealth();
		reload();
	});
	banner.replaceChildren(h('p', null, h('strong', { text: 'Streamify is having trouble. ' }), hl.message), retry);
	banner.hidden = false;
	setTimeout(checkHealth, Math.max(5, Math.min(60, hl.retryAfter || 10)) * 1000);
}

events.addEventListener('down', () => {
	if (watching)
		return;
	watching = true;
	checkHealth();
});

// ---- the session ----

events.addEventListener('session', () => {
	paintAccount();
	if (currentUser() && booted)
		fetchUnread();
	else
		setUnread(0);
});
events.addEventListener('expired', () => {
	if (!location.pathname.startsWith('/login')) {
		toast('Your session has ended. Please sign in again.', 'error');
		navigate(`/login?next=${encodeURIComponent(here())}`, { replace: true });
	}
});

// ---- start ----

paintAccount();
await restore();
await start();
booted = true;
fetchUnread();
