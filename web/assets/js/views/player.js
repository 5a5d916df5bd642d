// views/player.js: /watch/:id: the signed play URL in a <video>, resumed from the saved
// position. The position goes to PUT /history/{id} {progress, duration} every 10 s of
// playback, on pause, after a seek, at the end, and when the page is left (hidden, closed,
// or another view), the last ones with fetch keepalive so they survive the page. Whether the
// movie counts as watched (90%) is the API's decision, not the page's.
import { api, signedIn } from '../api.js';
import { h, icon, clock } from '../dom.js';
import { artwork, metaLine, errorBox, signInPrompt } from '../ui.js';
import { reload } from '../router.js';

const EVERY = 10;	// seconds of playback between reports

export default async function player(ctx) {
	const { root, params, signal, query } = ctx;
	const id = Number(params.id);
	const back = h('a.back', { href: `/movie/${id}` }, icon('back'), 'Back to the movie');
	const title = h('h1.player-title', { tabindex: '-1' }, 'Loading…');
	const stage = h('div.stage', null, h('div.stage-wait', { 'aria-hidden': 'true' }));
	const below = h('div.player-below');
	root.append(h('section.player', { 'aria-label': 'Player' }, h('div.player-top', null, back, title), stage, below));
	document.title = 'Watch · Streamify';

	if (!signedIn()) {
		title.textContent = 'Sign in to watch';
		stage.replaceChildren(signInPrompt('this movie'));
		return;
	}

	const detail = api(`/movies/${id}`, { signal, auth: 'opt' }).then((r) => r.data);
	let play, m;
	try {
		[m, play] = await Promise.all([detail, api(`/movies/${id}/play`, { signal, auth: true }).then((r) => r.data)]);
	} catch (e) {
		if (signal.aborted)
			return;
		const mm = await detail.catch(() => null);
		title.textContent = mm ? mm.title : 'Watch';
		if (e.status === 402) {
			stage.replaceChildren(mm ? h('div.stage-art', null, artwork(mm, { wide: true })) : '', h('div.paywall', null,
				h('p.empty-title', { text: 'Watching needs a subscription' }),
				h('p', { text: `Pick a plan and you can start watching${mm ? ` ${mm.title}` : ''} right away. You can cancel at any time.` }),
				h('p.actions', null, h('a.btn.btn-primary', { href: `/plans?next=${encodeURIComponent(`/watch/${id}`)}`, id: 'see-plans' }, 'See the plans')),
				h('p.api-says', { text: e.message })));
		} else {
			stage.replaceChildren(errorBox(e, e.status === 404 ? null : () => reload()));
		}
		return;
	}
	title.textContent = m.title;
	document.title = `Watching ${m.title} · Streamify`;
	const saved = m.user_state && m.user_state.progress > 0 ? m.user_state.progress : 0;
	const start = query.get('from') === 'start' ? 0 : saved;

	const video = h('video.video', {
		controls: true, playsinline: true, preload: 'auto', src: play.url,
		'aria-label': `${m.title}, video`,
	});
	stage.replaceChildren(video);
	const status = h('p.player-status.muted', { 'aria-live': 'polite' });
	below.append(h('p.player-meta', null, metaLine(m), m.genres && m.genres.length ? h('span', { text: m.genres.join(', ') }) : null), status);
	if (start)
		status.textContent = `Resuming at ${clock(start)}.`;

	let lastSent = -1;
	let played = 0;
	let resuming = false;
	let ended = false;

	function report(keepalive = false) {
		const d = video.duration;
		if (!Number.isFinite(d) || d <= 0)
			return;
		const pos = ended ? Math.ceil(d) : Math.floor(video.currentTime);
		if (pos === lastSent)
			return;
		lastSent = pos;
		played = 0;
		api(`/history/${id}`, { method: 'PUT', auth: true, keepalive, body: { progress: pos, duration: Math.max(1, Math.round(d)) } })
			.then((r) => {
				if (r && r.data && r.data.completed && ended)
					status.textContent = 'Watched. It is in your history.';
			})
			.catch((e) => {
				lastSent = -1;
				if (!keepalive && video.isConnected)
					status.textContent = `Your position could not be saved: ${e.message}`;
			});
	}

	const on = (target, ev, f) => {
		target.addEventListener(ev, f);
		ctx.onLeave(() => target.removeEventListener(ev, f));
	};
	on(video, 'loadedmetadata', () => {
		if (start > 0 && start < video.duration - 3) {
			resuming = true;
			video.currentTime = start;
		}
		const p = video.play();
		if (p)
			p.catch(() => { /* autoplay refused: the controls are there */ });
	});
	on(video, 'seeked', () => {
		if (resuming) {
			resuming = false;
			return;
		}
		report();
	});
	on(video, 'pause', () => {
		if (!video.ended)
			report();
	});
	on(video, 'ended', () => {
		ended = true;
		report();
		below.append(h('p.actions', null, h('a.btn', { href: `/movie/${id}` }, 'Back to the movie'), h('a.btn', { href: '/' }, 'Home')));
	});
	on(video, 'play', () => {
		ended = false;
	});
	on(video, 'error', () => {
		status.textContent = 'The video could not be played. The link may have expired: reload to get a new one.';
	});
	// Every 10 s of actual playback (not of wall time: a paused or stalled video does not count).
	let lastT = null;
	on(video, 'timeupdate', () => {
		const t = video.currentTime;
		if (lastT !== null && !video.paused && !video.seeking) {
			const dt = t - lastT;
			if (dt > 0 && dt < 2)
				played += dt;
			if (played >= EVERY)
				report();
		}
		lastT = t;
	});
	const leave = () => report(true);
	on(document, 'visibilitychange', () => {
		if (document.visibilityState === 'hidden')
			leave();
	});
	on(window, 'pagehide', leave);
	ctx.onLeave(() => {
		if (!ended)
			leave();
		video.pause();
		video.removeAttribute('src');
		video.load();
	});
	video.focus({ preventScroll: true });
}
