// Browser test of indicator editing (issue 13), with JavaScript off (the
// forms are rendered by the server): sign in as the secretariat, open an
// indicator, edit its target, see its status change on the indicator page,
// sign out. Also the edit page, a refused save (400) and a conflict (409)
// at 390 and 1280 px in Japanese and English, with axe-core on each.
// BASE is the running server's URL, OUT the screenshot folder, USER and
// PASSWORD a secretariat account, IND the indicator (its target is set to
// one its latest value has reached). Prints "ok N - name" / "not ok N - name".
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const BASE = process.env.BASE;
const OUT = process.env.OUT || '.';
const USER = process.env.USER_NAME || 'sato';
const PASSWORD = process.env.PASSWORD;
const IND = process.env.IND || 'HUB-COURSES';
mkdirSync(OUT, { recursive: true });

let n = 0;
function check(name, cond, ...detail) {
  n++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - edit: ${name}`);
  if (!cond) for (const d of detail) console.log('    ' + String(typeof d === 'string' ? d : JSON.stringify(d)).slice(0, 800));
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update'],
});

async function signIn(page, lang) {
  await page.goto(BASE + (lang === 'en' ? 'en/' : '') + 'login/');
  await page.getByLabel(lang === 'en' ? 'User name' : 'ユーザー名').fill(USER);
  await page.getByLabel(lang === 'en' ? 'Password' : 'パスワード').fill(PASSWORD);
  await page.getByRole('button', { name: lang === 'en' ? 'Sign in' : 'ログイン' }).click();
  await page.waitForLoadState();
}

const statusOf = page => page.locator('p.lead-status .status').getAttribute('class');
const sideways = page => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function axe(page, name) {
  await page.addScriptTag({ content: axeSource });
  const res = await page.evaluate(async () => await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  const bad = res.violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
  check(`axe: no serious or critical violations on ${name}`, bad.length === 0,
        bad.map(v => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes[0].html}`));
}

try {
  // ---- the story: sign in, edit the target, see the status change, sign out ----
  const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(BASE + `indicators/${IND}/`);
  check('anonymous: no edit link', await page.getByRole('link', { name: '編集', exact: true }).count() === 0);
  await signIn(page, 'ja');
  check('signed in', page.url().endsWith('/account/'), page.url());
  await page.goto(BASE + 'indicators/');
  await page.locator(`table.inds a[href$="indicators/${IND}/"]`).first().click();
  const before = await statusOf(page);
  await page.getByRole('link', { name: '編集', exact: true }).click();
  check('the edit link opens the edit page', page.url().endsWith(`/indicators/${IND}/edit/`), page.url());
  check('edit page: its heading', (await page.locator('h1').textContent()).startsWith('指標の編集：'));
  await page.getByLabel('目標年', { exact: true }).fill('2026');
  await page.getByLabel('目標値', { exact: true }).fill('60');
  await page.getByRole('button', { name: '定義を保存' }).click();
  await page.waitForLoadState();
  check('saving goes to the indicator page', page.url().endsWith(`/indicators/${IND}/`), page.url());
  const after = await statusOf(page);
  check('the status changed to achieved', after === 'status achieved' && after !== before, before, after);
  check('the status label says so', (await page.locator('p.lead-status .status').textContent()) === '目標達成',
        await page.locator('p.lead-status .status').textContent());
  await page.screenshot({ path: `${OUT}/edit-after-1280-ja.png`, fullPage: true });
  await page.goto(BASE + 'account/');
  await page.getByRole('button', { name: 'ログアウト' }).first().click();
  await page.waitForLoadState();
  await page.goto(BASE + `indicators/${IND}/edit/`);
  check('signed out: the edit page sends to the sign-in page', page.url().endsWith('/login/'), page.url());
  await page.goto(BASE + `indicators/${IND}/`);
  check('signed out: the new status is public', await statusOf(page) === 'status achieved');
  await ctx.close();

  // ---- the pages at two widths in both languages ----
  for (const width of [390, 1280]) {
    for (const lang of ['ja', 'en']) {
      const pre = lang === 'en' ? 'en/' : '';
      const c = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 } });
      const p = await c.newPage();
      await signIn(p, lang);
      await p.goto(BASE + pre + `indicators/${IND}/`);
      await p.screenshot({ path: `${OUT}/edit-indicator-${width}-${lang}.png`, fullPage: true });
      await p.goto(BASE + pre + `indicators/${IND}/edit/`);
      check(`${width} px ${lang}: the edit page does not scroll sideways`, await sideways(p) <= 0, await sideways(p));
      await p.screenshot({ path: `${OUT}/edit-page-${width}-${lang}.png`, fullPage: true });
      // a refused save: the form again, the field marked
      await p.getByLabel(lang === 'en' ? 'Target value' : '目標値', { exact: true }).fill('abc');
      await p.getByRole('button', { name: lang === 'en' ? 'Save the definition' : '定義を保存' }).click();
      await p.waitForLoadState();
      const invalid = await p.locator('#target_value[aria-invalid=true]').count();
      check(`${width} px ${lang}: a bad number comes back marked, with what was typed`,
            invalid === 1 && await p.locator('#target_value').inputValue() === 'abc');
      check(`${width} px ${lang}: the 400 page does not scroll sideways`, await sideways(p) <= 0, await sideways(p));
      await p.screenshot({ path: `${OUT}/edit-400-${width}-${lang}.png`, fullPage: true });
      // a conflict: two tabs, the second saves from the old version
      const p1 = await c.newPage();
      await p1.goto(BASE + pre + `indicators/${IND}/edit/`);
      await p.goto(BASE + pre + `indicators/${IND}/edit/`);
      const notes = lang === 'en' ? 'Notes' : '注記';
      await p1.getByLabel(notes, { exact: true }).fill(`${width} ${lang}: saved first in the other tab`);
      await p1.getByRole('button', { name: lang === 'en' ? 'Save the definition' : '定義を保存' }).click();
      await p1.waitForLoadState();
      await p.getByLabel(notes, { exact: true }).fill(`${width} ${lang}: what I typed`);
      await p.getByRole('button', { name: lang === 'en' ? 'Save the definition' : '定義を保存' }).click();
      await p.waitForLoadState();
      const body = await p.locator('main').textContent();
      check(`${width} px ${lang}: 409 shows the stored text beside the typed one`,
            body.includes('saved first in the other tab') && body.includes('what I typed') &&
            await p.getByLabel(notes, { exact: true }).inputValue() === `${width} ${lang}: what I typed`);
      check(`${width} px ${lang}: the 409 page does not scroll sideways`, await sideways(p) <= 0, await sideways(p));
      await p.screenshot({ path: `${OUT}/edit-409-${width}-${lang}.png`, fullPage: true });
      await c.close();
    }
  }

  // ---- axe-core on the edit page, a 400 and a 409 ----
  const a = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const ap = await a.newPage();
  await signIn(ap, 'ja');
  await ap.goto(BASE + `indicators/${IND}/edit/`);
  await axe(ap, 'the edit page');
  await ap.getByLabel('目標年', { exact: true }).fill('3000');
  await ap.getByRole('button', { name: '定義を保存' }).click();
  await ap.waitForLoadState();
  await axe(ap, 'a refused save (400)');
  const other = await a.newPage();
  await other.goto(BASE + `indicators/${IND}/edit/`);
  await ap.goto(BASE + `indicators/${IND}/edit/`);
  await other.getByLabel('注記', { exact: true }).fill('axe: first');
  await other.getByRole('button', { name: '定義を保存' }).click();
  await other.waitForLoadState();
  await ap.getByLabel('注記', { exact: true }).fill('axe: second');
  await ap.getByRole('button', { name: '定義を保存' }).click();
  await ap.waitForLoadState();
  await axe(ap, 'a conflict (409)');
  await a.close();
} catch (e) {
  check('browser run finished', false, e.stack || String(e));
} finally {
  await browser.close();
}
