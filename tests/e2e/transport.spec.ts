// The loopback web transport in a real browser: the fixture's server, its token cookie, and the
// refusals a browser can observe (another browser context without the token; a foreign origin).
import { expect, test } from './fixtures';

test('serves the wizard to the signed-in page and nothing to a page without the token', async ({ app, browser }) => {
  await expect(app.page).toHaveTitle(/Modelwise/);
  const cookies = await app.page.context().cookies();
  expect(cookies.find((c) => c.name.startsWith('mw_token'))).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  // The page's own origin may call the contract with the cookie alone.
  const info = await app.page.evaluate(async () => {
    const r = await fetch('/api/call/app:info', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    return r.json();
  });
  expect(info).toMatchObject({ ok: true, value: { transport: 'web' } });

  const stranger = await browser.newContext();
  const response = await (await stranger.newPage()).goto(app.url);
  expect(response?.status()).toBe(401);
  await stranger.close();
});
