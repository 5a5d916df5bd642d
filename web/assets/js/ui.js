// ui.js: the pieces every view is made of: movie cards (poster or designed title card),
// rows that scroll, grids, skeletons, empty and error states, the pager, toasts.
import { h, icon, s, clock } from './dom.js';
import { here } from './router.js';

// ---- the title card: a movie without a poster ----

// Each genre has its colour pair (dark enough that white text passes WCAG AA on every part
// of the gradient; see docs/web.md). Genres not listed get one of the pairs by their name.
const GENRE_TONES = {
	action: 'red', adventure: 'amber', animation: 'pink', children: 'lime', comedy: 'gold',
	crime: 'wine', documentary: 'teal', drama: 'indigo', family: 'lime', fantasy: 'violet',
	'film-noir': 'slate', history: 'brown', horror: 'blood', imax: 'blue', music: 'pink',
	musical: 'magenta', mystery: 'petrol', romance: 'rose', 'sci-fi': 'cyan',
	'science fiction': 'cyan', thriller: 'forest', 'tv movie': 'slate', war: 'olive', western: 'brown',
};
const TONES = ['red', 'amber', 'pink', 'lime', 'gold', 'wine', 'teal', 'indigo', 'violet', 'slate', 'brown', 'blood', 'blue', 'magenta', 'petrol', 'rose', 'cyan', 'forest', 'olive'];

export function toneOf(genre) {
	if (!genre)
		return 'slate';
	const g = String(genre).toLowerCase();
	if (GENRE_TONES[g])
		return GENRE_TONES[g];
	let n = 0;
	for (const c of g)
		n = (n * 31 + c.charCodeAt(0)) >>> 0;
	return TONES[n % TONES.length];
}

function firstGenre(m) {
	return m.genre || (m.genres && m.genres[0]) || null;
}

/** The designed card for a movie without a poster: a gradient by genre, the title large, the year. */
export function titleCard(m, { wide = false } = {}) {
	// The size of the title: by its length and by its longest word (which must fit a line).
	const title = m.title || '';
	const len = title.length;
	const word = Math.max(0, ...title.split(/\s+/).map((w) => w.length));
	const SIZES = ['s', 'm', 'l', 'xl', 'xxl'];
	const byLen = len > 48 ? 3 : len > 28 ? 2 : len > 14 ? 1 : 0;
	const byWord = word > 12 ? 4 : word > 10 ? 3 : word > 8 ? 2 : word > 6 ? 1 : 0;
	const size = SIZES[Math.max(byLen, byWord)];
	return h(`div.tcard.tone-${toneOf(firstGenre(m))}${wide ? '.tcard-wide' : ''}`, { 'aria-hidden': 'true' },
		h('span.tcard-genre', { text: firstGenre(m) || 'Film' }),
		h(`span.tcard-title.len-${size}`, { text: m.title || 'Untitled' }),
		m.release_year ? h('span.tcard-year', { text: m.release_year }) : null);
}

/**
 * The artwork of a card: the poster when the catalog has one (alt text: the title), over
 * the title card, which shows if the image fails: never a broken image.
 */
export function artwork(m, { wide = false, eager = false } = {}) {
	const art = h(`div.art${wide ? '.art-wide' : ''}`);
	art.append(titleCard(m, { wide }));
	const url = wide ? (m.banner_url || null) : m.poster_url;
	if (url && /^https?:\/\//.test(url)) {
		const img = h('img.poster', {
			src: url, alt: wide ? '' : `Poster of ${m.title}`, loading: eager ? 'eager' : 'lazy',
			decoding: 'async', referrerpolicy: 'no-referrer',
		});
		img.addEventListener('error', () => img.remove(), { once: true });
		img.addEventListener('load', () => art.classList.add('has-poster'), { once: true });
		art.append(img);
	}
	return art;
}

function ratingText(m) {
	return typeof m.rating === 'number' ? m.rating.toFixed(1) : null;
}

/** The movie's facts in one line: 1972 · ★ 8.6 */
export function metaLine(m) {
	const parts = [];
	if (m.release_year)
		parts.push(h('span', { text: m.release_year }));
	const r = ratingText(m);
	if (r)
		parts.push(h('span.rating', null, icon('star', 'icon icon-star'), h('span.visually-hidden', { text: 'rated ' }), r, h('span.visually-hidden', { text: ' of 10' })));
	return h('span.card-meta', null, parts);
}

/**
 * A movie card: a link to the movie page. opts: progress (0..100) for the position bar,
 * note (a line under the title, e.g. the recommendation's reason), action (an extra button
 * beside the link, e.g. Hide), href (another target, e.g. the player).
 */
export function card(m, opts = {}) {
	const href = opts.href || `/movie/${m.id}`;
	const art = artwork(m, { eager: opts.eager });
	if (opts.progress != null)
		art.append(h('span.bar', { 'aria-hidden': 'true' }, progressFill(opts.progress)));
	const link = h('a.card-link', { href },
		art,
		h('span.card-title', { text: m.title }),
		metaLine(m),
		opts.progress != null ? h('span.visually-hidden', { text: `${Math.round(opts.progress)}% watched` }) : null,
		opts.note ? h('span.card-note', { text: opts.note }) : null);
	const el = h('div.card', { role: 'listitem', dataset: { id: m.id } }, link);
	if (opts.action)
		el.append(opts.action);
	return el;
}

function progressFill(pct) {
	const fill = h('span.bar-fill');
	fill.style.width = `${Math.max(2, Math.min(100, pct))}%`;
	return fill;
}

export function skeletonCards(n = 8) {
	const out = [];
	for (let i = 0; i < n; i++)
		out.push(h('div.card.skeleton', { 'aria-hidden': 'true' }, h('div.art'), h('span.sk-line'), h('span.sk-line.short')));
	return out;
}

// ---- rows ----

/**
 * A row: heading, then cards in one line that scrolls, with buttons and arrow keys.
 * Returns {el, fill(cards), fail(error, retry), empty(text)}; starts with skeletons.
 */
export function row(title, { id, sub, more } = {}) {
	const rowId = id || `row-${Math.random().toString(36).slice(2, 8)}`;
	const heading = h('h2.row-title', { id: `${rowId}-h` }, title);
	const track = h('div.row-track', { role: 'list', 'aria-labelledby': `${rowId}-h` }, skeletonCards(8));
	const prev = h('button.row-btn.prev', { type: 'button', 'aria-label': `Scroll ${title} back`, tabindex: '-1' }, icon('left'));
	const next = h('button.row-btn.next', { type: 'button', 'aria-label': `Scroll ${title} on`, tabindex: '-1' }, icon('right'));
	const head = h('div.row-head', null, heading, more ? h('a.row-more', { href: more }, 'See all') : null);
	const el = h('section.row', { id: rowId, 'aria-busy': 'true' }, head, sub ? h('p.row-sub', { text: sub }) : null,
		h('div.row-body', null, prev, track, next));
	const page = (dir) => {
		const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
		track.scrollBy({ left: dir * track.clientWidth * 0.9, behavior: reduce ? 'auto' : 'smooth' });
	};
	prev.addEventListener('click', () => page(-1));
	next.addEventListener('click', () => page(1));
	const edges = () => {
		prev.disabled = track.scrollLeft <= 2;
		next.disabled = track.scrollLeft + track.clientWidth >= track.scrollWidth - 2;
	};
	track.addEventListener('scroll', edges, { passive: true });
	arrowKeys(track, 'horizontal');
	return {
		el,
		fill(cards) {
			track.replaceChildren(...cards);
			el.removeAttribute('aria-busy');
			requestAnimationFrame(edges);
		},
		fail(err, retry) {
			el.removeAttribute('aria-busy');
			track.classList.add('is-msg');
			track.replaceChildren(errorBox(err, retry, { compact: true }));
			prev.hidden = next.hidden = true;
		},
		empty(text) {
			el.removeAttribute('aria-busy');
			track.classList.add('is-msg');
			track.replaceChildren(h('p.row-empty', { text }));
			prev.hidden = next.hidden = true;
		},
		remove() {
			el.remove();
		},
	};
}

/**
 * Arrow keys move the focus between the cards of a row (left/right) or a grid (also
 * up/down, by the rows the layout makes); Home and End go to the ends.
 */
export function arrowKeys(container, mode = 'grid', { onEscape } = {}) {
	container.addEventListener('keydown', (e) => {
		const links = [...container.querySelectorAll('.card-link')];
		const i = links.indexOf(document.activeElement);
		if (i < 0) {
			if (e.key === 'Escape' && onEscape)
				onEscape(e);
			return;
		}
		let j = -1;
		if (e.key === 'ArrowRight')
			j = Math.min(links.length - 1, i + 1);
		else if (e.key === 'ArrowLeft')
			j = Math.max(0, i - 1);
		else if (e.key === 'Home')
			j = 0;
		else if (e.key === 'End')
			j = links.length - 1;
		else if (mode === 'grid' && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
			const top = links[i].getBoundingClientRect().top;
			const cols = links.filter((l) => Math.abs(l.getBoundingClientRect().top - top) < 4).length || 1;
			j = e.key === 'ArrowDown' ? Math.min(links.length - 1, i + cols) : i - cols;
			if (j < 0) {
				if (onEscape) {
					e.preventDefault();
					onEscape(e);
				}
				return;
			}
		} else if (e.key === 'Escape' && onEscape) {
			onEscape(e);
			return;
		} else
			return;
		e.preventDefault();
		links[j].focus({ preventScroll: false });
		links[j].scrollIntoView({ block: 'nearest', inline: 'nearest' });
	});
}

/** A grid of cards (lists, browse and search results). */
export function grid(cards, label) {
	const g = h('div.grid', { role: 'list', 'aria-label': label }, cards);
	arrowKeys(g, 'grid');
	return g;
}

// ---- states ----

/** Loading: a heading-sized placeholder and skeleton cards (never a spinner on a blank page). */
export function loadingGrid(n = 12) {
	return h('div.grid', { 'aria-busy': 'true', 'aria-label': 'Loading' }, skeletonCards(n));
}

export function emptyState(title, text, action) {
	return h('div.empty', null, h('p.empty-title', { text: title }), text ? h('p', { text }) : null, action || null);
}

/**
 * An API error as the user sees it: its message; for 429 the time from Retry-After (the
 * Retry button waits for it); for 401 a sign-in link that comes back here; and Retry.
 */
export function errorBox(err, retry, { compact = false } = {}) {
	const box = h(`div.error${compact ? '.error-compact' : ''}`, { role: 'alert' });
	const msg = (err && err.message) || 'Something went wrong.';
	box.append(h('p.error-msg', { text: msg }));
	if (err && err.status === 401) {
		box.append(h('p', null, h('a.btn', { href: `/login?next=${encodeURIComponent(here())}` }, 'Sign in')));
		return box;
	}
	if (err && err.status === 402) {
		box.append(h('p', null, h('a.btn.btn-primary', { href: '/plans' }, 'See the plans')));
		return box;
	}
	if (retry) {
		const btn = h('button.btn', { type: 'button' }, 'Retry');
		btn.addEventListener('click', retry);
		box.append(btn);
		if (err && err.status === 429)
			countdown(box, btn, err.retryAfter);
	} else if (err && err.status === 429) {
		box.append(h('p.error-wait', { text: waitText(err.retryAfter) }));
	}
	return box;
}

export function waitText(sec) {
	return sec ? `Too many requests: you can try again in ${sec} s.` : 'Too many requests: try again in a moment.';
}

function countdown(box, btn, seconds) {
	let left = Number(seconds) || 5;
	const note = h('p.error-wait', { text: waitText(left) });
	box.insertBefore(note, btn);
	btn.disabled = true;
	const t = setInterval(() => {
		left--;
		if (!box.isConnected || left <= 0) {
			clearInterval(t);
			note.textContent = 'You can try again now.';
			btn.disabled = false;
			return;
		}
		note.textContent = waitText(left);
	}, 1000);
}

/** Where sign-in is needed: a link that comes back to this view. */
export function signInPrompt(what) {
	const next = encodeURIComponent(here());
	return h('div.empty', null,
		h('p.empty-title', { text: `Sign in to see ${what}.` }),
		h('p.actions', null,
			h('a.btn.btn-primary', { href: `/login?next=${next}` }, 'Sign in'),
			h('a.btn', { href: `/register?next=${next}` }, 'Create an account')));
}

/** A field error list of an API error (validation: fields) next to a form. */
export function formError(form, err) {
	for (const old of form.querySelectorAll('.field-error'))
		old.remove();
	for (const inp of form.querySelectorAll('[aria-invalid]'))
		inp.removeAttribute('aria-invalid');
	const box = form.querySelector('.form-error');
	if (!err) {
		if (box)
			box.replaceChildren();
		return;
	}
	if (err.fields) {
		for (const [name, what] of Object.entries(err.fields)) {
			const inp = form.elements[name];
			if (inp && inp.id) {
				inp.setAttribute('aria-invalid', 'true');
				const id = `${inp.id}-err`;
				inp.setAttribute('aria-describedby', id);
				inp.insertAdjacentElement('afterend', h('span.field-error', { id, text: `${labelOf(form, inp)} ${what}` }));
			}
		}
	}
	if (box) {
		const msg = h('p', { text: err.message });
		box.replaceChildren(msg);
		if (err.status === 429)
			box.append(h('p.error-wait', { text: waitText(err.retryAfter) }));
	}
}

function labelOf(form, inp) {
	const l = form.querySelector(`label[for="${inp.id}"]`);
	return l ? l.textContent.replace(/\s*\(.*\)$/, '') : inp.name;
}

/** A labelled form field. */
export function field(id, label, attrs = {}, hint) {
	const input = h('input', { id, name: id.replace(/^f-/, ''), 'aria-describedby': hint ? `${id}-hint` : null, ...attrs });
	return h('div.field', null, h('label', { for: id, text: label }), input,
		hint ? h('span.hint', { id: `${id}-hint`, text: hint }) : null);
}

// ---- paging ----

export function pager(page, totalPages, hrefOf) {
	if (totalPages <= 1)
		return null;
	return h('nav.pager', { 'aria-label': 'Pages' },
		page > 1 ? h('a.btn', { href: hrefOf(page - 1), rel: 'prev' }, icon('left'), 'Previous') : h('span.btn.disabled', { 'aria-hidden': 'true' }, icon('left'), 'Previous'),
		h('span.pager-info', { text: `Page ${page.toLocaleString()} of ${totalPages.toLocaleString()}`, 'aria-current': 'page' }),
		page < totalPages ? h('a.btn', { href: hrefOf(page + 1), rel: 'next' }, 'Next', icon('right')) : h('span.btn.disabled', { 'aria-hidden': 'true' }, 'Next', icon('right')));
}

// ---- toasts ----

export function toast(text, kind = 'info') {
	const box = document.getElementById('toasts');
	const t = h(`div.toast.toast-${kind}`, { text });
	box.append(t);
	setTimeout(() => t.remove(), kind === 'error' ? 8000 : 4000);
}

// ---- the half-star rating control ----

/**
 * "Your rating": ten radio buttons (0.5 to 5 stars) drawn as five stars with halves, and
 * Clear. onChange(score or null) is called after the choice settles (arrow keys step through
 * values; the last one is sent).
 */
export function stars(value, onChange) {
	const name = `stars-${Math.random().toString(36).slice(2, 8)}`;
	const group = h('div.stars', { role: 'radiogroup', 'aria-label': 'Your rating' });
	const draw = h('div.stars-draw', { 'aria-hidden': 'true' });
	const inputs = [];
	let shown = value || 0;
	for (let i = 1; i <= 5; i++) {
		const star = h('span.star');
		star.append(s('svg', { class: 'star-bg', viewBox: '0 0 24 24' }, s('path', { d: 'M12 2.5l2.9 6.3 6.9.7-5.2 4.6 1.5 6.8L12 17.4l-6.1 3.5 1.5-6.8L2.2 9.5l6.9-.7z' })));
		star.append(s('svg', { class: 'star-fg', viewBox: '0 0 24 24' }, s('path', { d: 'M12 2.5l2.9 6.3 6.9.7-5.2 4.6 1.5 6.8L12 17.4l-6.1 3.5 1.5-6.8L2.2 9.5l6.9-.7z' })));
		for (const half of [i - 0.5, i]) {
			const id = `${name}-${half * 2}`;
			const input = h('input.visually-hidden', { type: 'radio', name, id, value: String(half), checked: value === half });
			const lab = h(`label.half${half % 1 ? '.half-l' : '.half-r'}`, { for: id },
				h('span.visually-hidden', { text: `${half} ${half === 1 ? 'star' : 'stars'}` }));
			lab.addEventListener('mouseenter', () => paint(half));
			lab.addEventListener('mouseleave', () => paint(shown));
			inputs.push(input);
			star.append(lab);
			group.append(input);
		}
		draw.append(star);
	}
	const stateText = h('span.stars-value', { 'aria-live': 'polite' });
	const clear = h('button.btn.btn-small.btn-ghost', { type: 'button' }, 'Clear');
	function paint(v) {
		[...draw.children].forEach((st, k) => {
			const n = k + 1;
			st.classList.toggle('full', v >= n);
			st.classList.toggle('halfv', v === n - 0.5);
		});
	}
	function describe(v) {
		stateText.textContent = v ? `${v} of 5` : 'Not rated';
		clear.hidden = !v;
	}
	group.append(draw, stateText, clear);
	paint(shown);
	describe(shown);
	let t = 0;
	group.addEventListener('change', (e) => {
		const v = Number(e.target.value);
		shown = v;
		paint(v);
		describe(v);
		clearTimeout(t);
		t = setTimeout(() => onChange(v, revert), 350);
	});
	function revert(v) {
		// The server refused: show what it has.
		shown = v;
		for (const inp of inputs)
			inp.checked = Number(inp.value) === v;
		paint(v);
		describe(v);
	}
	clear.addEventListener('click', () => {
		for (const inp of inputs)
			inp.checked = false;
		shown = 0;
		paint(0);
		describe(0);
		onChange(null, revert);
		inputs[0].focus();
	});
	return group;
}

export { clock };
