// The web host refuses requests without this run's token, and requests from other origins.
import { expect, test } from './fixtures.ts';

test('the API answers 401 without the token and 403 to a foreign Origin', async ({ playwright, served }) => {
  const anonymous = await playwright.request.newContext();
  const noToken = await anonymous.post(`${served.origin}/api/listDocuments`, { data: [] });
  expect(noToken.status()).toBe(401);
  expect((await noToken.json()).error.code).toBe('unauthorized');

  const wrongToken = await anonymous.post(`${served.origin}/api/listDocuments`, { data: [], headers: { authorization: 'Bearer wrong' } });
  expect(wrongToken.status()).toBe(401);

  const foreign = await anonymous.post(`${served.origin}/api/listDocuments`, {
    data: [],
    headers: { authorization: `Bearer ${served.token}`, origin: 'https://evil.example' },
  });
  expect(foreign.status()).toBe(403);

  const allowed = await anonymous.post(`${served.origin}/api/listDocuments`, {
    data: [],
    headers: { authorization: `Bearer ${served.token}` },
  });
  expect(allowed.status()).toBe(200);
  expect((await allowed.json()).value).toHaveLength(3);
  await anonymous.dispose();
});

test('a page opened without the token explains how to get in', async ({ browser, served }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.goto(served.origin);
  expect(response?.status()).toBe(401);
  await expect(page.getByRole('heading')).toHaveText('Claimbench: token required');
  await context.close();
});
