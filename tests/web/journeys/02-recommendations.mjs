// 02-recommendations: register through the page, rate five movies through the page (half
// stars), run the nightly batch, reload: the home page has recommendations with their reasons.
import { BASE, ok, is, api, batch, unique, PASSWORD, openPage, noConsoleErrors, homeReady, screenshot, failShot, tokenOf, movieId } from '../lib.mjs';

export const title = 'register, rate, recommendations';
const T = 'recommendations';

// Five movies with many neighbours in MovieLens, and the half-star score given to each.
const RATED = [['The Matrix', 5], ['Toy Story', 4.5], ['Star Wars: Episode IV - A New Hope', 4.5], ['Pulp Fiction', 4], ['Forrest Gump', 3.5]];

export async function run(browser) {
	const { ctx, page, errors } = await openPage(browser);
	try {
		// ---- register through the page ----
		const username = unique('rec');
		await page.goto(BASE + '/');
		await homeReady(page);
		await page.click('#signin-link');
		await page.waitForURL(/\/login/);
		await page.click('.auth-alt a');
		await page.waitForURL(/\/register/);
		// A validation error first: the API's message and its fields are shown.
		await page.fill('#f-username', 'x');
		await page.fill('#f-email', `${username}@example.com`);
		await page.fill('#f-password', 'short');
		await page.click('form button[type=submit]');
		await page.waitForSelector('.form-error p');
		ok((await page.textContent('.form-error')).length > 0, `${T}: a refused registration shows the API's message`, await page.textContent('.form-error'));
		ok(await page.$('#f-username[aria-invalid="true"]') !== null && await page.$('#f-password-err') !== null, `${T}: and marks the fields it names`);
		await page.fill('#f-username', username);
		await page.fill('#f-password', PASSWORD);
		await Promise.all([
			page.waitForResponse((r) => r.url().endsWith('/api/v1/register') && r.status() === 201),
			page.click('form button[type=submit]'),
		]);
		await page.waitForURL(BASE + '/');
		await page.waitForSelector('#me-button');
		is(await page.textContent('.me-name'), username, `${T}: registered through the page and signed in`);
		await homeReady(page);
		ok(await page.$('#row-recs') === null, `${T}: a new user has no personal recommendations row yet`);

		// ---- rate five movies through the page ----
		const user = { username, password: PASSWORD };
		for (const [name, score] of RATED) {
			const id = await movieId(name);
			await page.goto(`${BASE}/movie/${id}`);
			await page.waitForSelector('.stars');
			// Star n's left half is n - 0.5, its right half n.
			const star = Math.ceil(score);
			const half = score % 1 ? 'half-l' : 'half-r';
			const [put] = await Promise.all([
				page.waitForResponse((r) => r.url().endsWith(`/api/v1/ratings/${id}`) && r.request().method() === 'PUT'),
				page.click(`.stars .star:nth-child(${star}) label.${half}`),
			]);
			is(put.status(), 200, `${T}: rated ${name} ${score} through the page`);
			is(await page.textContent('.stars-value'), `${score} of 5`, `${T}: the control shows ${score} of 5`);
		}
		// The keyboard works the control too: Left arrow on the checked radio steps down a half star.
		await page.focus('.stars input:checked');
		const [put] = await Promise.all([
			page.waitForResponse((r) => /\/api\/v1\/ratings\/\d+$/.test(r.url()) && r.request().method() === 'PUT'),
			page.keyboard.press('ArrowLeft'),
		]);
		is(JSON.parse(put.request().postData()).score, 3, `${T}: ArrowLeft sends 3 stars for Forrest Gump`);
		// What the page stored, through the API.
		const token = await tokenOf(user);
		const ratings = await api('GET', '/api/ratings?per_page=10', { token });
		const stored = Object.fromEntries(ratings.json.results.map((r) => [r.title, r.score]));
		is(JSON.stringify(RATED.map(([n, s]) => stored[n] ?? null)), JSON.stringify([5, 4.5, 4.5, 4, 3]), `${T}: the API has the five ratings`);
		await page.reload();
		await page.waitForSelector('.stars');
		is(await page.textContent('.stars-value'), '3 of 5', `${T}: the rating shows again after a reload`);

		// ---- the nightly batch, then home ----
		await batch('streamify-batch', 'similar');
		await page.goto(BASE + '/');
		await homeReady(page);
		const recRows = await page.$$eval('.rec-rows .row', (els) => els.map((e) => ({
			title: e.querySelector('.row-title').textContent,
			cards: e.querySelectorAll('.card-link').length,
			notes: [...e.querySelectorAll('.card-note')].map((n) => n.textContent),
		})));
		ok(recRows.length > 0 && recRows.every((r) => r.cards > 0), `${T}: the recommendations row appears after the batch`, JSON.stringify(recRows));
		const reasons = recRows.flatMap((r) => [r.title, ...r.notes]);
		const names = RATED.map(([n]) => n).slice(0, 4);	// the liked ones (4 and up)
		ok(reasons.some((t) => /^Because you (liked|watched|rated) /.test(t) && names.some((n) => t.endsWith(n))),
			`${T}: recommendations say why ("Because you liked ..." a rated movie)`, reasons.slice(0, 8).join('\n'));
		const hero = await page.textContent('.hero-note');
		ok(/^Because you/.test(hero), `${T}: the hero is a personal recommendation (${hero})`);
		const rated = new Set(await Promise.all(RATED.map(([n]) => movieId(n))));
		const recIds = await page.$$eval('.rec-rows .card', (els) => els.map((e) => Number(e.dataset.id)));
		ok(recIds.every((id) => !rated.has(id)), `${T}: no rated movie is recommended`);
		await screenshot(page, 'home-desktop');
		noConsoleErrors(errors, T);
	} catch (e) {
		await failShot(page, `02-${T}`);
		throw e;
	} finally {
		await ctx.close();
	}
}
