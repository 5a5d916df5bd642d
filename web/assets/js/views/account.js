// views/account.js: /account (profile, change e-mail or password, delete the account, sign
// out), /plans (subscribe with the payment provider's token, cancel), /payments and
// /notifications.
import { api, signedIn, currentUser, logout, forget, updateUser } from '../api.js';
import { h, fill, date, dateTime, money } from '../dom.js';
import { errorBox, signInPrompt, field, formError, emptyState, pager, toast } from '../ui.js';
import { navigate, reload, here } from '../router.js';
import { nextOf } from './auth.js';

function page(root, title, ...children) {
	document.title = `${title} · Streamify`;
	const sec = h('section.account-view', null, h('h1.page-title', { text: title, tabindex: '-1' }), ...children);
	root.append(sec);
	return sec;
}

function loading() {
	return h('div.panel.panel-loading', { 'aria-busy': 'true' }, h('span.sk-line.sk-big'), h('span.sk-line'), h('span.sk-line.short'));
}

function subscriptionText(s) {
	if (!s)
		return 'No subscription.';
	const plan = s.plan ? s.plan.name : 'Plan';
	switch (s.status) {
	case 'active': return `${plan}: active, renews on ${date(s.end_date)}.`;
	case 'canceled': return s.active ? `${plan}: cancelled, you can watch until ${date(s.end_date)}.` : `${plan}: cancelled, ended ${date(s.end_date)}.`;
	case 'past_due': return `${plan}: the last payment failed; update your payment to keep watching.`;
	case 'pending': return `${plan}: the first payment is being confirmed.`;
	case 'expired': return `${plan}: ended ${date(s.end_date)}.`;
	default: return `${plan}: ${s.status}.`;
	}
}

// ---- /account ----

export async function accountView(ctx) {
	const { root, signal } = ctx;
	const body = h('div.account-body', null, loading());
	page(root, 'Your account', body);
	if (!signedIn()) {
		body.replaceChildren(signInPrompt('your account'));
		return;
	}
	let p;
	try {
		p = (await api('/profile', { signal, auth: true })).data;
	} catch (e) {
		if (!signal.aborted)
			body.replaceChildren(e.status === 401 ? signInPrompt('your account') : errorBox(e, () => reload()));
		return;
	}
	const u = p.user, st = p.stats || {};
	const profile = h('div.panel', null,
		h('h2', { text: u.username }),
		h('dl.facts', null,
			h('dt', { text: 'E-mail' }), h('dd', { text: u.email }),
			h('dt', { text: 'Member since' }), h('dd', { text: date(u.join_date) }),
			h('dt', { text: 'Subscription' }), h('dd', null, subscriptionText(p.subscription), ' ', h('a', { href: '/plans' }, p.subscription && p.subscription.active ? 'Manage' : 'See the plans'))),
		h('ul.stats', null,
			h('li', null, h('a', { href: '/my-list' }, h('strong', { text: (st.watchlist_count || 0).toLocaleString() }), ' in My list')),
			h('li', null, h('a', { href: '/favorites' }, h('strong', { text: (st.favorites_count || 0).toLocaleString() }), ' favourites')),
			h('li', null, h('a', { href: '/history' }, h('strong', { text: (st.watched_count || 0).toLocaleString() }), ' watched'))),
		h('p.links', null, ...[['/continue-watching', 'Continue watching'], ['/ratings', 'Your ratings'], ['/payments', 'Payments'], ['/notifications', 'Notifications']]
			.flatMap(([href, t], i) => [i ? ' · ' : null, h('a', { href, text: t })])));

	// Change the e-mail address and/or the password.
	const save = h('button.btn.btn-primary', { type: 'submit' }, 'Save changes');
	const change = h('form.form.panel', { novalidate: true, 'aria-labelledby': 'change-h' },
		h('h2', { id: 'change-h', text: 'E-mail and password' }),
		h('div.form-error', { role: 'alert' }),
		field('f-email', 'E-mail', { type: 'email', autocomplete: 'email', value: u.email, maxlength: '254' }),
		field('f-password', 'New password (leave empty to keep it)', { type: 'password', autocomplete: 'new-password', minlength: '8', maxlength: '128' }, 'At least 8 characters. Changing it signs out your other devices.'),
		field('f-current_password', 'Current password', { type: 'password', autocomplete: 'current-password', required: true, maxlength: '1024' }),
		save);
	change.addEventListener('submit', async (e) => {
		e.preventDefault();
		const body = { current_password: change.elements.current_password.value };
		const email = change.elements.email.value.trim();
		const pw = change.elements.password.value;
		if (email && email !== u.email)
			body.email = email;
		if (pw)
			body.password = pw;
		if (!body.email && !body.password) {
			formError(change, { message: 'Change your e-mail or type a new password first.' });
			return;
		}
		if (!body.current_password) {
			formError(change, { message: 'Type your current password to confirm.', fields: { current_password: 'is needed to confirm' } });
			return;
		}
		save.disabled = true;
		formError(change, null);
		try {
			const r = await api('/profile', { method: 'PATCH', auth: true, body });
			updateUser(r.data);
			toast(body.password ? 'Your password is changed; other devices are signed out.' : 'Your e-mail address is changed.');
			change.elements.password.value = '';
			change.elements.current_password.value = '';
			u.email = (r.data && r.data.email) || u.email;
		} catch (err) {
			formError(change, err);
		} finally {
			save.disabled = false;
		}
	});

	// Delete the account.
	const del = h('button.btn.btn-danger', { type: 'submit' }, 'Delete my account');
	const delForm = h('form.form', { novalidate: true },
		h('p', { text: 'This deletes your account, your lists, ratings, history and subscription at once. It cannot be undone.' }),
		h('div.form-error', { role: 'alert' }),
		field('f-delete_password', 'Your password', { type: 'password', autocomplete: 'current-password', required: true, name: 'password' }),
		h('div.check', null, h('input', { type: 'checkbox', id: 'f-delete_ok', name: 'ok', required: true }), h('label', { for: 'f-delete_ok', text: 'I understand that this cannot be undone' })),
		del);
	delForm.addEventListener('submit', async (e) => {
		e.preventDefault();
		if (!delForm.elements.ok.checked) {
			formError(delForm, { message: 'Tick the box to confirm.' });
			return;
		}
		del.disabled = true;
		formError(delForm, null);
		try {
			await api('/profile', { method: 'DELETE', auth: true, body: { password: delForm.elements.password.value } });
			forget();
			toast('Your account is deleted. Goodbye!');
			navigate('/', { replace: true });
		} catch (err) {
			formError(delForm, err);
			del.disabled = false;
		}
	});
	const danger = h('details.panel.danger', null, h('summary', { text: 'Delete account' }), delForm);

	const out = h('button.btn', { type: 'button' }, 'Sign out');
	out.addEventListener('click', () => signOut());
	body.replaceChildren(profile, change, danger, h('p.actions', null, out));
}

/** Signs out (the server ends the login) and goes home. */
export async function signOut() {
	try {
		await logout();
		toast('You are signed out.');
	} catch (e) {
		toast(`Signed out here; the server said: ${e.message}`, 'error');
	}
	navigate('/', { replace: true });
}

// ---- /plans ----

export async function plansView(ctx) {
	const { root, signal, query } = ctx;
	const next = query.get('next') ? nextOf(query) : null;
	const current = h('div.current-sub');
	const body = h('div.plans-body', null, loading());
	page(root, 'Plans', current, body);
	const user = currentUser();
	let plans, sub = null;
	try {
		const [pl, sb] = await Promise.all([
			api('/plans', { signal }),
			user ? api('/subscription', { signal, auth: true }) : Promise.resolve(null),
		]);
		plans = pl.results;
		sub = sb ? sb.data : null;
	} catch (e) {
		if (!signal.aborted)
			body.replaceChildren(errorBox(e, () => reload()));
		return;
	}
	showCurrent(current, sub);

	const cards = h('div.plan-cards', { role: 'radiogroup', 'aria-label': 'Plan' });
	const chosen = (sub && sub.plan && sub.plan.code) || (plans[1] || plans[0] || {}).code;
	for (const p of plans) {
		const id = `plan-${p.code}`;
		cards.append(h('div.plan', null,
			h('input.visually-hidden', { type: 'radio', name: 'plan', id, value: p.code, checked: p.code === chosen }),
			h('label', { for: id },
				h('span.plan-name', { text: p.name }),
				h('span.plan-price', null, h('strong', { text: money(p.price, p.currency) }), ` a ${p.period || 'month'}`),
				h('span.plan-quality', { text: `Up to ${p.max_quality}` }),
				sub && sub.plan && sub.plan.code === p.code && sub.active ? h('span.plan-tag', { text: 'Your plan' }) : null)));
	}
	if (!user) {
		body.replaceChildren(cards, h('p.actions', null,
			h('a.btn.btn-primary', { href: `/login?next=${encodeURIComponent(here())}` }, 'Sign in to subscribe'),
			h('a.btn', { href: `/register?next=${encodeURIComponent(here())}` }, 'Create an account')));
		return;
	}
	const submit = h('button.btn.btn-primary', { type: 'submit' }, 'Subscribe');
	const form = h('form.form.subscribe', { novalidate: true },
		cards,
		h('div.form-error', { role: 'alert' }),
		field('f-payment_token', 'Payment token', { type: 'text', required: true, maxlength: '200', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'none', list: 'test-tokens', 'aria-describedby': 'f-payment_token-hint', placeholder: 'tok_ok_visa' },
			'This is a test service and no card is charged: your card details would be turned into a token by the payment provider. Use tok_ok_visa (accepted), tok_declined (declined by the bank) or tok_error (the provider fails: the payment stays pending until it is asked again).'),
		h('datalist', { id: 'test-tokens' }, ['tok_ok_visa', 'tok_ok_mastercard', 'tok_declined', 'tok_error'].map((t) => h('option', { value: t }))),
		h('p.actions', null, submit));
	let key = null;	// one Idempotency-Key per attempt, kept while we retry an unanswered one
	form.addEventListener('change', (e) => {
		if (e.target.name === 'plan')
			key = null;
	});
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		const plan = form.elements.plan.value;
		const token = form.elements.payment_token.value.trim();
		if (!token) {
			formError(form, { message: 'Type a payment token (for example tok_ok_visa).', fields: { payment_token: 'is needed' } });
			return;
		}
		key = key || (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);
		submit.disabled = true;
		formError(form, null);
		try {
			const r = await api('/subscription', { method: 'POST', auth: true, body: { plan, payment_token: token }, headers: { 'Idempotency-Key': key } });
			key = null;
			sub = r.data;
			showCurrent(current, sub, next);
			toast(sub.status === 'pending' ? 'Your payment is being confirmed.' : `You are subscribed to ${sub.plan ? sub.plan.name : plan}.`);
			current.focus();
		} catch (err) {
			if (err.status && err.status < 500)
				key = null;	// answered: a new attempt is a new charge
			formError(form, err);
		} finally {
			submit.disabled = false;
		}
	});
	body.replaceChildren(form);
	if (sub && sub.active && sub.status === 'active')
		submit.textContent = 'Change plan';
}

function showCurrent(box, sub, next) {
	box.replaceChildren();
	box.setAttribute('tabindex', '-1');
	if (!sub) {
		box.append(h('p.lead', { text: 'Watch every movie in the catalog. Pick a plan; you can cancel at any time.' }));
		return;
	}
	const panel = h(`div.panel.sub-status.sub-${sub.status}`, null, h('p.lead', { text: subscriptionText(sub) }));
	if (sub.active && sub.auto_renew) {
		const cancel = h('button.btn', { type: 'button' }, 'Cancel renewal');
		cancel.addEventListener('click', async () => {
			cancel.disabled = true;
			try {
				const r = await api('/subscription', { method: 'DELETE', auth: true });
				showCurrent(box, r ? r.data : null);
				toast('Renewal is off. You can watch until the end of the period.');
			} catch (e) {
				cancel.disabled = false;
				toast(e.message, 'error');
			}
		});
		panel.append(h('p.actions', null, cancel, h('a.btn.btn-ghost', { href: '/payments' }, 'Payments')));
	} else {
		panel.append(h('p.actions', null, h('a.btn.btn-ghost', { href: '/payments' }, 'Payments')));
	}
	if (sub.active && next)
		panel.append(h('p.actions', null, h('a.btn.btn-primary', { href: next, id: 'continue-next' }, next.startsWith('/watch/') ? 'Start watching' : 'Continue')));
	box.append(panel);
}

// ---- /payments ----

export async function paymentsView(ctx) {
	const { root, signal, query } = ctx;
	const body = h('div', null, loading());
	page(root, 'Payments', body);
	if (!signedIn()) {
		body.replaceChildren(signInPrompt('your payments'));
		return;
	}
	const pg = Math.max(1, Number.parseInt(query.get('page') || '1', 10) || 1);
	let r;
	try {
		r = await api(`/payments?page=${pg}&per_page=20`, { signal, auth: true });
	} catch (e) {
		if (!signal.aborted)
			body.replaceChildren(errorBox(e, () => reload()));
		return;
	}
	if (!r.results.length) {
		body.replaceChildren(emptyState('No payments yet', 'Your payments appear here once you subscribe.', h('a.btn', { href: '/plans' }, 'See the plans')));
		return;
	}
	const STATUS = { succeeded: 'Paid', declined: 'Declined', failed: 'Failed', pending: 'Pending' };
	fill(body, h('div.table-wrap', null, h('table.table', null,
		h('caption.visually-hidden', { text: 'Your payments, newest first' }),
		h('thead', null, h('tr', null, ['Date', 'Plan', 'Amount', 'Status', 'Reference'].map((t) => h('th', { scope: 'col', text: t })))),
		h('tbody', null, r.results.map((p) => h('tr', null,
			h('td', { text: dateTime(p.created_at) }),
			h('td', { text: `${String(p.plan).charAt(0).toUpperCase()}${String(p.plan).slice(1)}${p.kind === 'renewal' ? ' (renewal)' : ''}` }),
			h('td', { text: money(p.amount, p.currency) }),
			h('td', null, h(`span.pill.pill-${p.status}`, { text: STATUS[p.status] || p.status })),
			h('td.mono', { text: p.provider_reference || p.failure_code || '' })))))),
	pager(pg, r.total_pages, (n) => `/payments${n > 1 ? `?page=${n}` : ''}`));
}

// ---- /notifications ----

/** Tells the header the unread count changed. */
export function unreadChanged(n) {
	document.dispatchEvent(new CustomEvent('unread', { detail: n }));
}

export async function notificationsView(ctx) {
	const { root, signal, query } = ctx;
	const body = h('div', null, loading());
	const sec = page(root, 'Notifications', body);
	if (!signedIn()) {
		body.replaceChildren(signInPrompt('your notifications'));
		return;
	}
	const pg = Math.max(1, Number.parseInt(query.get('page') || '1', 10) || 1);
	let r;
	try {
		r = await api(`/notifications?page=${pg}&per_page=20`, { signal, auth: true });
	} catch (e) {
		if (!signal.aborted)
			body.replaceChildren(errorBox(e, () => reload()));
		return;
	}
	let unread = r.unread_count || 0;
	unreadChanged(unread);
	if (!r.results.length) {
		body.replaceChildren(emptyState('No notifications', 'News about your subscription and new movies in your favourite genres appear here.'));
		return;
	}
	const items = new Map();
	const allRead = h('button.btn.btn-small', { type: 'button', hidden: !unread }, 'Mark all as read');
	const markRead = (id) => {
		const li = items.get(id);
		if (li && li.classList.contains('unread')) {
			li.classList.remove('unread');
			const b = li.querySelector('button');
			if (b)
				b.remove();
			unread = Math.max(0, unread - 1);
		}
	};
	allRead.addEventListener('click', async () => {
		allRead.disabled = true;
		try {
			await api('/notifications/read-all', { method: 'POST', auth: true });
			for (const id of items.keys())
				markRead(id);
			unread = 0;
			unreadChanged(0);
			allRead.hidden = true;
		} catch (e) {
			toast(e.message, 'error');
		} finally {
			allRead.disabled = false;
		}
	});
	const list = h('ul.notes', null, r.results.map((n) => {
		const li = h(`li.note${n.read ? '' : '.unread'}`, null,
			h('p.note-title', { text: n.title }),
			h('p.note-msg', { text: n.message }),
			h('p.note-date.muted', { text: dateTime(n.created_at) }));
		if (n.data && Array.isArray(n.data.movie_ids) && n.data.movie_ids.length)
			li.append(h('p', null, n.data.movie_ids.slice(0, 8).map((id, i) => [i ? ' · ' : null, h('a', { href: `/movie/${id}` }, `Movie ${i + 1}`)])));
		if (!n.read) {
			const b = h('button.btn.btn-small.btn-ghost', { type: 'button', 'aria-label': `Mark “${n.title}” as read` }, 'Mark as read');
			b.addEventListener('click', async () => {
				b.disabled = true;
				try {
					await api(`/notifications/${n.id}/read`, { method: 'POST', auth: true });
					markRead(n.id);
					unreadChanged(unread);
					allRead.hidden = !unread;
				} catch (e) {
					b.disabled = false;
					toast(e.message, 'error');
				}
			});
			li.append(b);
		}
		items.set(n.id, li);
		return li;
	}));
	sec.insertBefore(h('p.actions', null, allRead), body);
	fill(body, list, pager(pg, r.total_pages, (n) => `/notifications${n > 1 ? `?page=${n}` : ''}`));
}
