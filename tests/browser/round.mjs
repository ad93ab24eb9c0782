// Browser test of the follow-up round's entry pages (issue 14): chromium
// via playwright-core with JavaScript off, axe-core on each view. The
// editor's path from sign-in to submit; the secretariat's from the board
// (when /rounds/2026/ exists; else from the entry's URL) to accept.
// BASE is the server, OUT the screenshot folder, PW the accounts' password
// (meti-editor: 経, secretariat). Prints "ok N - name" / "not ok N - name".
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const BASE = process.env.BASE;
const OUT = process.env.OUT || '.';
const PW = process.env.PW;
mkdirSync(OUT, { recursive: true });

let n = 0;
function check(name, cond, ...detail) {
  n++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name}`);
  if (!cond) for (const d of detail) console.log('    ' + String(typeof d === 'string' ? d : JSON.stringify(d)).slice(0, 800));
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update'],
});
const ENTRY = 'rounds/2026/items/6/meti/';

// a click that sends a form: wait until the answer (303 then GET) has loaded
async function post(page, locator) {
  await Promise.all([page.waitForNavigation(), locator.click()]);
}

async function signIn(page, user) {
  await page.goto(BASE + 'login/');
  await page.getByLabel('ユーザー名').fill(user);
  await page.getByLabel('パスワード').fill(PW);
  await Promise.all([page.waitForURL(/\/account\/$/, { timeout: 10000 }).catch(() => {}),
                     page.getByRole('button', { name: 'ログイン' }).click()]);
}

// every width and language of a view: no sideways scrolling, screenshots
async function shots(browserCtxOpts, cookies, path, name) {
  for (const w of [390, 1280]) {
    const c = await browser.newContext({ javaScriptEnabled: false, viewport: { width: w, height: 900 } });
    await c.addCookies(cookies);
    const p = await c.newPage();
    for (const [lang, pre] of [['ja', ''], ['en', 'en/']]) {
      await p.goto(BASE + pre + path);
      const over = await p.evaluate(() => document.scrollingElement.scrollWidth - innerWidth);
      check(`${name} ${w} px ${lang}: no sideways scrolling`, over <= 0, over);
      await p.screenshot({ path: `${OUT}/entry-${name}-${w}-${lang}.png`, fullPage: true });
    }
    await c.close();
  }
}

async function axe(cookies, path, name) {
  const c = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  await c.addCookies(cookies);
  const p = await c.newPage();
  for (const [lang, pre] of [['ja', ''], ['en', 'en/']]) {
    await p.goto(BASE + pre + path);
    await p.addScriptTag({ content: axeSource });
    const res = await p.evaluate(async () => await window.axe.run(document, {
      resultTypes: ['violations'] }));
    const bad = res.violations.filter(v => ['serious', 'critical'].includes(v.impact));
    check(`axe: no serious or critical violations on the ${name} view (${lang})`, bad.length === 0,
          bad.map(v => `${v.id}: ${v.nodes.map(x => x.target).join(' ')}`));
  }
  await c.close();
}

try {
  // ---- the editor: sign in, write, save, submit (no JavaScript) ----
  const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await signIn(page, 'meti-editor');
  check('the editor signs in', page.url().endsWith('/account/'), page.url());
  await page.goto(BASE + ENTRY);
  const h1 = await page.locator('h1').textContent();
  check('the entry page: A6 経済産業省', h1.includes('取組A6') && h1.includes('経済産業省'), h1);
  check('last year\'s plans beside this year\'s results',
        await page.locator('.cmp h3:has-text("前年度の取組予定")').count() === 1 &&
        await page.getByRole('textbox', { name: '実績・状況', exact: true }).count() === 1);
  await page.getByRole('textbox', { name: '実績・状況', exact: true }).fill('経済産業省の実績。\n・拠点を整備した\n・伴走支援を行った');
  await page.getByRole('textbox', { name: '取組予定', exact: true }).fill('引き続き支援する。');
  await post(page, page.getByRole('button', { name: '下書き保存' }));
  check('save: back on the entry (POST-redirect-GET), the draft kept',
        page.url().endsWith(ENTRY) && (await page.getByRole('textbox', { name: '実績・状況', exact: true }).inputValue()).includes('伴走支援を行った'),
        page.url());
  check('... the state is 下書き', (await page.locator('.meta .state').textContent()) === '下書き');
  await page.reload();
  check('a reload does not post again', page.url().endsWith(ENTRY));
  // keyboard only: from the plans field, Tab to the submit button, Enter
  await page.getByRole('textbox', { name: '取組予定', exact: true }).focus();
  let label = '';
  for (let i = 0; i < 6 && label !== '提出する'; i++) {
    await page.keyboard.press('Tab');
    label = await page.evaluate(() => document.activeElement && document.activeElement.textContent);
  }
  check('keyboard: Tab reaches the submit button', label === '提出する', label);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  check('submit: the entry is 提出済み', (await page.locator('.meta .state').textContent()) === '提出済み');
  const cookies = await ctx.cookies();
  await shots({}, cookies, ENTRY, 'editor');
  await axe(cookies, ENTRY, 'editor');
  await shots({}, cookies, 'rounds/2026/items/6/consolidated/', 'consolidated');
  await axe(cookies, 'rounds/2026/items/6/consolidated/', 'consolidated');
  await shots({}, cookies, ENTRY + 'history/', 'history');
  await ctx.close();

  // ---- the secretariat: from the board to accept ----
  const sctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const sp = await sctx.newPage();
  await signIn(sp, 'secretariat');
  const board = await sp.goto(BASE + 'rounds/2026/');
  if (board.status() === 200 && await sp.locator(`a[href$="${ENTRY}"]`).count() > 0) {
    await post(sp, sp.locator(`a[href$="${ENTRY}"]`).first());
    check('the secretariat opens the entry from the board', sp.url().endsWith(ENTRY), sp.url());
  } else {
    console.log(`# the board (/rounds/2026/) answered ${board.status()}: starting from the entry`);
    await sp.goto(BASE + ENTRY);
  }
  check('the secretariat sees the text, read only, with return and accept',
        await sp.locator('textarea#results').count() === 0 &&
        await sp.getByRole('button', { name: '受理する' }).count() === 1 &&
        (await sp.locator('main').textContent()).includes('伴走支援を行った'));
  const scookies = await sctx.cookies();
  await shots({}, scookies, ENTRY, 'secretariat');
  await axe(scookies, ENTRY, 'secretariat');
  await sp.getByLabel('差戻しの理由').fill('数値を記載してください');
  await sp.getByLabel('理由の対象').selectOption('results');
  await post(sp, sp.getByRole('button', { name: '差し戻す' }));
  check('the secretariat returns it with a reason', (await sp.locator('.meta .state').textContent()) === '差戻し');

  const ectx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 900 } });
  await ectx.addCookies(cookies);
  const ep = await ectx.newPage();
  await ep.goto(BASE + ENTRY);
  const desc = await ep.getByRole('textbox', { name: '実績・状況', exact: true }).getAttribute('aria-describedby');
  const why = desc ? await ep.locator('#' + desc.split(' ').pop()).textContent() : '';
  check('the editor reads the reason beside the field (aria-describedby)', why.includes('数値を記載してください'), desc, why);
  await ep.screenshot({ path: `${OUT}/entry-returned-390-ja.png`, fullPage: true });
  await ep.getByRole('textbox', { name: '実績・状況', exact: true }).fill('経済産業省の実績（3拠点）。\n・拠点を整備した\n・伴走支援を行った');
  await post(ep, ep.getByRole('button', { name: '提出する' }));
  check('the editor resubmits', (await ep.locator('.meta .state').textContent()) === '提出済み');
  await ectx.close();

  await sp.goto(BASE + ENTRY);
  await post(sp, sp.getByRole('button', { name: '受理する' }));
  check('the secretariat accepts it', (await sp.locator('.meta .state').textContent()) === '受理');
  await sp.goto(BASE + ENTRY + 'history/');
  check('the history shows the versions as a diff', await sp.locator('.diff ins').count() > 0);
  await sp.screenshot({ path: `${OUT}/entry-history-accepted-1280-ja.png`, fullPage: true });
  await sctx.close();
} catch (e) {
  check('the browser run finished', false, e.stack || String(e));
}
await browser.close();
