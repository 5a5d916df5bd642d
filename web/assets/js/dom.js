// dom.js: building the DOM without HTML strings, and formatting numbers and times.
// Everything from the API goes into the page as text (textContent, attributes), never as HTML.

/**
 * h('a.card', {href: '/movie/1', on: {click: f}}, child, ...): one element.
 * The tag may carry classes after dots. Props: class (string), text, on (events),
 * dataset, hidden, and anything else as an attribute (false/null/undefined: left off;
 * true: an empty attribute). Children: nodes, strings (as text), arrays, null (skipped).
 */
export function h(tag, props, ...children) {
	const [name, ...classes] = tag.split('.');
	const el = document.createElement(name || 'div');
	if (classes.length)
		el.className = classes.join(' ');
	if (props)
		setProps(el, props);
	append(el, children);
	return el;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element (for icons and the rating stars); attributes as in h(). */
export function s(tag, attrs, ...children) {
	const el = document.createElementNS(SVG, tag);
	for (const [k, v] of Object.entries(attrs || {}))
		if (v !== undefined && v !== null && v !== false)
			el.setAttribute(k, String(v));
	append(el, children);
	return el;
}

function setProps(el, props) {
	for (const [k, v] of Object.entries(props)) {
		if (v === undefined || v === null || v === false)
			continue;
		if (k === 'class')
			el.className = el.className ? `${el.className} ${v}` : v;
		else if (k === 'text')
			el.textContent = String(v);
		else if (k === 'on')
			for (const [ev, fn] of Object.entries(v))
				el.addEventListener(ev, fn);
		else if (k === 'dataset')
			Object.assign(el.dataset, v);
		else if (k === 'style')
			throw new Error('style attributes break the CSP: use classes or el.style');
		else if (k === 'value' || k === 'checked' || k === 'selected' || k === 'disabled' || k === 'hidden')
			el[k] = v;
		else
			el.setAttribute(k, v === true ? '' : String(v));
	}
}

/** Replaces EL's children (null and false skipped, unlike replaceChildren, which writes "null"). */
export function fill(el, ...children) {
	el.replaceChildren();
	return append(el, children);
}

export function append(el, children) {
	for (const c of children) {
		if (c === null || c === undefined || c === false)
			continue;
		if (Array.isArray(c))
			append(el, c);
		else
			el.append(c instanceof Node ? c : document.createTextNode(String(c)));
	}
	return el;
}

/** Icons: small inline SVGs (currentColor), hidden from assistive technology. */
const ICONS = {
	play: 'M8 5v14l11-7z',
	plus: 'M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z',
	check: 'M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z',
	heart: 'M12 21s-7.5-4.6-9.6-9.1C.9 8.6 3 5 6.6 5c2.1 0 3.6 1.2 4.4 2.6h2C13.8 6.2 15.3 5 17.4 5 21 5 23.1 8.6 21.6 11.9 19.5 16.4 12 21 12 21z',
	left: 'M15.4 7.4 14 6l-6 6 6 6 1.4-1.4L10.8 12z',
	right: 'M8.6 16.6 10 18l6-6-6-6-1.4 1.4 4.6 4.6z',
	close: 'M19 6.4 17.6 5 12 10.6 6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12z',
	bell: 'M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2zm6-6V11c0-3.1-1.6-5.6-4.5-6.3V4a1.5 1.5 0 0 0-3 0v.7C7.6 5.4 6 7.9 6 11v5l-2 2v1h16v-1z',
	user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm0 2c-2.7 0-8 1.3-8 4v2h16v-2c0-2.7-5.3-4-8-4z',
	back: 'M20 11H7.8l5.6-5.6L12 4l-8 8 8 8 1.4-1.4L7.8 13H20z',
	star: 'M12 2.5l2.9 6.3 6.9.7-5.2 4.6 1.5 6.8L12 17.4l-6.1 3.5 1.5-6.8L2.2 9.5l6.9-.7z',
	search: 'M15.5 14h-.8l-.3-.3A6.5 6.5 0 1 0 14 15.5l.3.3v.8l5 5 1.5-1.5zm-6 0a4.5 4.5 0 1 1 0-9 4.5 4.5 0 0 1 0 9z',
};

export function icon(name, cls = 'icon') {
	return s('svg', { class: cls, viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' },
		s('path', { d: ICONS[name], fill: 'currentColor' }));
}

// ---- formatting ----

/** 2470 -> "41:10", 3725 -> "1:02:05". */
export function clock(seconds) {
	const t = Math.max(0, Math.floor(seconds || 0));
	const hh = Math.floor(t / 3600), mm = Math.floor((t % 3600) / 60), ss = t % 60;
	const p = (n) => String(n).padStart(2, '0');
	return hh ? `${hh}:${p(mm)}:${p(ss)}` : `${mm}:${p(ss)}`;
}

/** 175 (minutes) -> "2h 55m". */
export function runtime(minutes) {
	if (!minutes)
		return null;
	const hh = Math.floor(minutes / 60), mm = minutes % 60;
	return hh ? (mm ? `${hh}h ${mm}m` : `${hh}h`) : `${mm}m`;
}

export function date(iso) {
	if (!iso)
		return '';
	const d = new Date(iso);
	return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function dateTime(iso) {
	if (!iso)
		return '';
	const d = new Date(iso);
	return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function money(amount, currency) {
	try {
		return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency || 'USD' }).format(amount);
	} catch {
		return `${amount} ${currency || ''}`.trim();
	}
}

export function plural(n, one, many = `${one}s`) {
	return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** Waits MS milliseconds after the last call before calling fn. */
export function debounce(fn, ms) {
	let t = 0;
	const d = (...args) => {
		clearTimeout(t);
		t = setTimeout(() => fn(...args), ms);
	};
	d.cancel = () => clearTimeout(t);
	return d;
}
