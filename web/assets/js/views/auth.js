// views/auth.js: /login and /register. Both come back to ?next= (a path of this site only).
import { login, register, currentUser } from '../api.js';
import { h } from '../dom.js';
import { field, formError } from '../ui.js';
import { navigate } from '../router.js';

/** ?next= when it is a path of this site (never another origin), else home. */
export function nextOf(query) {
	const n = query.get('next') || '/';
	return /^\/(?!\/)[^\\]*$/.test(n) && !n.startsWith('/login') && !n.startsWith('/register') ? n : '/';
}

function authPage(root, title, form, alt) {
	root.append(h('section.auth', null,
		h('div.auth-box', null, h('h1.page-title', { text: title, tabindex: '-1' }), form, alt)));
}

export async function loginView(ctx) {
	const { root, query } = ctx;
	document.title = 'Sign in · Streamify';
	const next = nextOf(query);
	if (currentUser()) {
		navigate(next, { replace: true });
		return;
	}
	const submit = h('button.btn.btn-primary.btn-block', { type: 'submit' }, 'Sign in');
	const form = h('form.form', { novalidate: true },
		h('div.form-error', { role: 'alert' }),
		field('f-username', 'Username or e-mail', { type: 'text', autocomplete: 'username', required: true, maxlength: '254', autocapitalize: 'none', spellcheck: 'false' }),
		field('f-password', 'Password', { type: 'password', autocomplete: 'current-password', required: true, maxlength: '1024' }),
		submit);
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		const u = form.elements.username.value.trim(), p = form.elements.password.value;
		if (!u || !p) {
			formError(form, { message: 'Enter your username (or e-mail) and your password.' });
			return;
		}
		submit.disabled = true;
		formError(form, null);
		try {
			await login(u, p);
			navigate(next, { replace: true });
		} catch (err) {
			formError(form, err);
			submit.disabled = false;
			form.elements.password.select();
		}
	});
	authPage(root, 'Sign in', form,
		h('p.auth-alt', null, 'New to Streamify? ', h('a', { href: `/register${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}` }, 'Create an account')));
	form.elements.username.focus();
}

export async function registerView(ctx) {
	const { root, query } = ctx;
	document.title = 'Create an account · Streamify';
	const next = nextOf(query);
	if (currentUser()) {
		navigate(next, { replace: true });
		return;
	}
	const submit = h('button.btn.btn-primary.btn-block', { type: 'submit' }, 'Create account');
	const form = h('form.form', { novalidate: true },
		h('div.form-error', { role: 'alert' }),
		field('f-username', 'Username', { type: 'text', autocomplete: 'username', required: true, minlength: '3', maxlength: '32', pattern: '[A-Za-z0-9_.\\-]+', autocapitalize: 'none', spellcheck: 'false', 'aria-describedby': 'f-username-hint' }, '3 to 32 letters, digits, dots, dashes or underscores.'),
		field('f-email', 'E-mail', { type: 'email', autocomplete: 'email', required: true, maxlength: '254' }),
		field('f-password', 'Password', { type: 'password', autocomplete: 'new-password', required: true, minlength: '8', maxlength: '128', 'aria-describedby': 'f-password-hint' }, 'At least 8 characters.'),
		submit);
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		submit.disabled = true;
		formError(form, null);
		try {
			await register(form.elements.username.value.trim(), form.elements.email.value.trim(), form.elements.password.value);
			navigate(next, { replace: true });
		} catch (err) {
			formError(form, err);
			submit.disabled = false;
		}
	});
	authPage(root, 'Create your account', form,
		h('p.auth-alt', null, 'Already have an account? ', h('a', { href: `/login${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}` }, 'Sign in')));
	form.elements.username.focus();
}
