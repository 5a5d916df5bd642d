// 03-library: My list and Favourite toggles on a movie page survive a reload and show on
// their pages; removing works (on the list page and with the toggle), checked through the API.
import { BASE, ok, is, api, newUser, openPage, noConsoleErrors, screenshot, failShot, signIn, tokenOf, movieId } from '../lib.mjs';

export const title = 'watchlist and favourites';
const T = 'library';

export async function run(browser) {
	const { ctx, page, errors } = await openPage(browser);
	try {
		const user = await newUser('lib');
		await signIn(page, user);
		const id = await movieId('Alien');
		const other = await movieId('Fargo');

		// ---- toggle both on, reload ----
		await page.goto(`${BASE}/movie/${id}`);
		await page.waitForSelector('#toggle-watchlist');
		is(await page.getAttribute('#toggle-watchlist', 'aria-pressed'), 'false', `${T}: Alien is not on My list yet`);
		await Promise.all([
			page.waitForResponse((r) => r.url().endsWith(`/api/v1/watchlist/${id}`) && r.request().method() === 'POST'),
			page.click('#toggle-watchlist'),
		]);
		await page.waitForSelector('#toggle-watchlist[aria-pressed="true"]');
		await Promise.all([
			page.waitForResponse((r) => r.url().endsWith(`/api/v1/favorites/${id}`) && r.request().method() === 'POST'),
			page.click('#toggle-favorite'),
		]);
		await page.waitForSelector('#toggle-favorite[aria-pressed="true"]');
		ok(/In my list/.test(await page.textContent('#toggle-watchlist')), `${T}: the My list button says it is on the list`);
		await page.reload();
		await page.waitForSelector('#toggle-watchlist');
		is(await page.getAttribute('#toggle-watchlist', 'aria-pressed'), 'true', `${T}: My list survives a reload`);
		is(await page.getAttribute('#toggle-favorite', 'aria-pressed'), 'true', `${T}: Favourite survives a reload`);
		// A second movie on the list, added from the home page's hero would do too; here, its page.
		await page.goto(`${BASE}/movie/${other}`);
		await page.waitForSelector('#toggle-watchlist');
		await Promise.all([
			page.waitForResponse((r) => r.url().endsWith(`/api/v1/watchlist/${other}`)),
			page.click('#toggle-watchlist'),
		]);

		// ---- they show on their pages ----
		await page.click('nav.nav a[href="/my-list"]');
		await page.waitForURL(BASE + '/my-list');
		await page.waitForSelector('.library .card[data-id]');
		let listed = await page.$$eval('.library .card[data-id]', (els) => els.map((e) => Number(e.dataset.id)));
		ok(listed.includes(id) && listed.includes(other), `${T}: My list shows both movies`, JSON.stringify(listed));
		is(listed[0], other, `${T}: newest first`);
		await screenshot(page, 'my-list-desktop');
		await page.click('#me-button');
		await page.click('#me-menu a[href="/favorites"]');
		await page.waitForURL(BASE + '/favorites');
		await page.waitForSelector('.library .card[data-id]');
		listed = await page.$$eval('.library .card[data-id]', (els) => els.map((e) => Number(e.dataset.id)));
		is(JSON.stringify(listed), JSON.stringify([id]), `${T}: Favourites shows Alien`);

		// ---- remove on the list page ----
		await page.goto(`${BASE}/my-list`);
		await page.waitForSelector(`.library .card[data-id="${id}"]`);
		await Promise.all([
			page.waitForResponse((r) => r.url().endsWith(`/api/v1/watchlist/${id}`) && r.request().method() === 'DELETE' && r.status() === 204),
			page.click(`.library .card[data-id="${id}"] .card-action`),
		]);
		await page.waitForSelector(`.library .card[data-id="${id}"]`, { state: 'detached' });
		await page.reload();
		await page.waitForSelector('.library .card[data-id]');
		listed = await page.$$eval('.library .card[data-id]', (els) => els.map((e) => Number(e.dataset.id)));
		is(JSON.stringify(listed), JSON.stringify([other]), `${T}: Remove takes Alien off My list, for good`);

		// ---- remove with the toggle ----
		await page.goto(`${BASE}/movie/${id}`);
		await page.waitForSelector('#toggle-favorite[aria-pressed="true"]');
		is(await page.getAttribute('#toggle-watchlist', 'aria-pressed'), 'false', `${T}: the movie page knows Alien left My list`);
		await Promise.all([
			page.waitForResponse((r) => r.url().endsWith(`/api/v1/favorites/${id}`) && r.request().method() === 'DELETE'),
			page.click('#toggle-favorite'),
		]);
		await page.goto(`${BASE}/favorites`);
		await page.waitForSelector('.library .empty');
		ok(/No favourites yet/.test(await page.textContent('.library .empty')), `${T}: an empty list says so, with a way on`);

		// ---- what the API has ----
		const token = await tokenOf(user);
		const wl = await api('GET', '/api/watchlist', { token });
		const fav = await api('GET', '/api/favorites', { token });
		is(JSON.stringify(wl.json.results.map((m) => m.id)), JSON.stringify([other]), `${T}: the API's watchlist matches`);
		is(fav.json.total_results, 0, `${T}: the API's favorites are empty`);
		const prof = await api('GET', '/api/profile', { token });
		await page.goto(`${BASE}/account`);
		await page.waitForSelector('.stats');
		ok((await page.textContent('.stats')).includes(`${prof.json.data.stats.watchlist_count} in My list`), `${T}: the account page counts the list`);
		noConsoleErrors(errors, T);
	} catch (e) {
		await failShot(page, `03-${T}`);
		throw e;
	} finally {
		await ctx.close();
	}
}
