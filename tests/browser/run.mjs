// Browser tests: Debian's chromium driven by playwright-core, axe-core for
// accessibility. BASE is the running server's URL, OUT the folder for
// screenshots. Prints "ok N - name" / "not ok N - name" for tests/run.sh.
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const BASE = process.env.BASE;
const OUT = process.env.OUT || '.';
mkdirSync(OUT, { recursive: true });

let n = 0;
function check(name, cond, ...detail) {
  n++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name}`);
  if (!cond) for (const d of detail) console.log('    ' + String(typeof d === 'string' ? d : JSON.stringify(d)).slice(0, 800));
}

// Signs in over HTTP (the form's pre-session cookie and token, then the
// POST) and gives the session cookie's value, or null.
async function signIn(user, password) {
  const form = await fetch(BASE + 'login/');
  const pre = (form.headers.getSetCookie().find((c) => c.startsWith('mdplan_pre=')) || '').split(';')[0];
  const tok = ((await form.text()).match(/name="csrf" value="([^"]+)"/) || [])[1];
  const r = await fetch(BASE + 'login/', { method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: pre },
    body: new URLSearchParams({ user, password, csrf: tok || '' }).toString() });
  const c = r.headers.getSetCookie().find((x) => x.startsWith('mdplan_session='));
  return c ? c.split(';')[0].slice('mdplan_session='.length) : null;
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update'],
});

try {
  // ---- navigation, with JavaScript off: the pages need none ----
  const ctx = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true,
                                         viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(BASE);
  check('home: title', (await page.title()).includes('医療機器基本計画'));
  check('home: lang=ja', await page.getAttribute('html', 'lang') === 'ja');
  await page.screenshot({ path: `${OUT}/home.png`, fullPage: true });

  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => document.activeElement && document.activeElement.textContent);
  check('keyboard: the first Tab reaches the skip link', skip === '本文へ移動', skip);

  await page.click('h2 >> a:has-text("ビジョン1")');
  check('vision 1 page', (await page.locator('h1').textContent()).startsWith('ビジョン1'));
  await page.click('table >> a:has-text("ゴール1 ")');
  check('goal 1 page', (await page.locator('h1').textContent()).startsWith('ゴール1'));
  const crumbs = await page.locator('nav.crumbs li').allTextContents();
  check('goal page breadcrumbs', crumbs.join('>') === 'ホーム>ビジョン1>ゴール1', crumbs);
  await page.screenshot({ path: `${OUT}/goal.png`, fullPage: true });
  await page.click('.item h3 >> a:has-text("取組A1")');
  check('action item A1 page', (await page.locator('h1').textContent()) === '取組A1');
  const results = await page.locator('h4:has-text("実績・状況（令和7年度")').count();
  check('item page: the FY2025 results section', results === 1, results);
  await page.screenshot({ path: `${OUT}/item.png`, fullPage: true });
  await page.click('#min ~ table >> a >> nth=0');
  const mname = await page.locator('h1').textContent();
  check('ministry page from the item', mname === '厚生労働省', mname);
  const lead = await page.locator('h2:has-text("主担当") + table tbody tr').count();
  check('ministry page lists the items it leads', lead > 10, lead);
  await page.click('header nav >> text=フォローアップ');
  await page.click('h2 >> a:has-text("令和7年度")');
  const rows = await page.locator('table.fy tbody tr:not(.vision):not(.goal):not(.see-above)').count();
  check('fiscal-year table: 60 rows', rows === 60, rows);
  await page.screenshot({ path: `${OUT}/year.png` });

  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.click('a[download][href$="followup-2025.csv"]'),
  ]);
  const csvPath = await dl.path();
  const csv = readFileSync(csvPath);
  check('download CSV: file name', dl.suggestedFilename() === 'followup-2025.csv', dl.suggestedFilename());
  check('download CSV: UTF-8 BOM and the Japanese header',
        csv[0] === 0xef && csv[1] === 0xbb && csv[2] === 0xbf && csv.toString('utf8').includes('実績・状況'));

  await page.click('header nav >> text=English');
  check('language switch: lang=en', await page.getAttribute('html', 'lang') === 'en');
  check('language switch: same page in English',
        (await page.locator('h1').textContent()) === 'FY2025 follow-up', await page.locator('h1').textContent());
  await page.click('header nav >> text=日本語');
  check('language switch back', await page.getAttribute('html', 'lang') === 'ja');

  // Print: the table page on A4 landscape.
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)]
    .map(m => [Math.round(+m[1]), Math.round(+m[2])]);
  check('print: every page of the table is A4 landscape',
        boxes.length > 3 && boxes.every(([w, h]) => w === 842 && h === 595), boxes.slice(0, 4));
  check('print: no site navigation in the printout',
        await page.emulateMedia({ media: 'print' }).then(() =>
          page.locator('header.site').isHidden()));
  await page.emulateMedia({ media: 'screen' });

  // Search without JavaScript: type, press Enter, read the highlighted hits.
  await page.goto(BASE);
  await page.getByRole('link', { name: '検索', exact: true }).click();
  await page.getByLabel('検索する語句').fill('ＳａＭＤ');
  await page.getByLabel('年度').selectOption('2025');
  await page.getByLabel('検索する語句').press('Enter');
  await page.waitForLoadState();
  const status = await page.locator('[role=status]').textContent();
  const marks = await page.locator('ol.hits mark').allTextContents();
  check('search: the form submits without JavaScript and counts the hits', /^\d+件/.test(status), status);
  check('search: ＳａＭＤ highlights SaMD as written', marks.length > 0 && marks.every(m => m === 'SaMD'), marks);
  check('search: the year filter is kept in the form',
        await page.getByLabel('年度').inputValue() === '2025');
  await page.locator('ol.hits a').first().click();
  check('search: a hit links to its page', /items\/\d+\/#fy2025$/.test(page.url()), page.url());
  await page.goto(BASE + 'search/?q=%E6%B2%BB%E9%A8%93');
  await page.screenshot({ path: `${OUT}/search.png`, fullPage: true });

  // The chart is an image with a name; its figures are in a table too.
  await page.goto(BASE + 'indicators/HUB-COURSES/');
  const svgName = await page.getAttribute('svg.chart', 'aria-labelledby');
  const titleText = await page.textContent('svg.chart title');
  check('indicator: the chart is labelled by its title and description',
        svgName === 'chart-t chart-d' && titleText.includes('研修コース数'), svgName, titleText);
  const cells = await page.$$eval('table.data tbody td.n', tds => tds.map(t => t.textContent));
  check('indicator: the data table beside the chart has the values', cells.join(' ') === '49 58 69', cells);
  await page.goto(BASE + 'indicators/');
  await page.click('text=拠点で行われる研修コース数');
  check('scorecard: an indicator links to its page', page.url().endsWith('/indicators/HUB-COURSES/'), page.url());
  await page.screenshot({ path: `${OUT}/indicators.png`, fullPage: true });

  // Phone.
  const phone = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 740 },
                                           deviceScaleFactor: 2, isMobile: true });
  const pp = await phone.newPage();
  await pp.goto(BASE + 'items/40/');
  const overflow = await pp.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check('phone: no sideways scrolling on the item page', overflow <= 0, overflow);
  await pp.screenshot({ path: `${OUT}/phone-item.png`, fullPage: true });
  await pp.goto(BASE + 'followups/2025/');
  const overflow2 = await pp.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check('phone: the fiscal-year table reflows', overflow2 <= 0, overflow2);
  await pp.goto(BASE + 'indicators/HUB-COURSES/');
  const overflow3 = await pp.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check('phone: the indicator page and its chart fit', overflow3 <= 0, overflow3);
  await pp.screenshot({ path: `${OUT}/phone-indicator.png`, fullPage: true });
  for (const path of ['programmes/', 'programmes/MHLW-HUB/', 'budgets/', 'hubs/']) {
    await pp.goto(BASE + path);
    const o = await pp.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(`phone: no sideways scrolling on ${path}`, o <= 0, o);
  }
  await pp.screenshot({ path: `${OUT}/phone-hubs.png`, fullPage: true });
  await phone.close();
  await ctx.close();

  // ---- the year table's headings follow the plan ----
  // The plan's order as the home page lists it (a vision's h2, then its
  // goals' rows, re-listed ones marked), against the year table's heading
  // rows and its table of contents.
  {
    const ctx2 = await browser.newContext({ javaScriptEnabled: false });
    const p2 = await ctx2.newPage();
    for (const [lang, pre, relisted] of [['ja', '', '（再掲）'], ['en', 'en/', ' (re-listed)']]) {
      await p2.goto(BASE + pre);
      // the vision sections (v1, v2, ...), not the reporting status below them
      const plan = await p2.$$eval('main section[aria-labelledby^="v"] h2, main section[aria-labelledby^="v"] table tbody th[scope=row]', els => els.map(e =>
        e.tagName === 'H2' ? ['vision', e.textContent.trim()] : ['goal', e.textContent.trim()]));
      const want = plan.map(([k, t]) => [k === 'vision' ? 'vision' : t.endsWith(relisted.trim()) ? 'relisted' : 'goal',
        t.replace(/\s*[（(](再掲|re-listed)[）)]$/, '')]);
      await p2.goto(BASE + pre + 'followups/2025/');
      const got = await p2.$$eval('table.fy tr.vision, table.fy tr.goal', els => els.map(e =>
        [e.classList.contains('vision') ? 'vision' : e.classList.contains('relisted') ? 'relisted' : 'goal',
         e.textContent.trim().replace(/\s*[（(](再掲|re-listed)[）)]$/, '')]));
      const norm = a => a.map(([k, t]) => k + ':' + t.replace(/^(ビジョン|Vision )(\d+)\s*/, 'V$2 ')).join('\n');
      check(`year table (${lang}): the headings are the plan's visions and goals in its order, each once`,
            want.length > 10 && norm(got) === norm(want), norm(got).slice(0, 600), norm(want).slice(0, 600));
      const toc = await p2.$$eval('nav.toc a', as => as.map(a => [a.getAttribute('href'), a.textContent.trim()]));
      const ids = await p2.$$eval('table.fy tr[id]', trs => trs.map(t => '#' + t.id));
      check(`year table (${lang}): the table of contents links to every heading in order`,
            toc.length === got.length && toc.every(([h], i) => h === ids[i]), toc.slice(0, 4), ids.slice(0, 4));
      await p2.click('tr.see-above a >> nth=0');
      check(`year table (${lang}): （上記参照） goes to the goal above`, /#g7$/.test(p2.url()), p2.url());
      await p2.goto(BASE + pre + 'followups/2025/');
      await p2.click('nav.by-ministry a[href$="/mext/"]');
      check(`year table (${lang}): a ministry's table is one click away`, p2.url().endsWith('/followups/2025/mext/'), p2.url());
    }
    // the header's search box, on any page
    await p2.goto(BASE + 'goals/3/');
    await p2.getByRole('searchbox', { name: 'サイト内検索' }).fill('治験');
    await p2.getByRole('searchbox', { name: 'サイト内検索' }).press('Enter');
    await p2.waitForLoadState();
    check('header search box: Enter opens the search results', /search\/\?q=/.test(p2.url()) &&
          await p2.locator('ol.hits li').count() > 0, p2.url());
    await p2.goto(BASE + 'en/items/40/');
    await p2.getByRole('searchbox', { name: 'Search this site' }).fill('SaMD');
    await p2.getByRole('button', { name: 'Search', exact: true }).click();
    await p2.waitForLoadState();
    const enLinks = await p2.$$eval('main a', as => as.map(a => a.href));
    check('header search box (English): English results whose links stay in /en/',
          p2.url().includes('/en/search/?q=SaMD') && enLinks.length > 0 &&
          enLinks.every(h => !h.includes('/en/en/')), p2.url(), enLinks.filter(h => h.includes('/en/en/')));
    await ctx2.close();
  }

  // ---- every page kind at four widths, both languages ----
  // No sideways scrolling of the page; a box that scrolls is a labelled,
  // focusable region; at desktop width nothing is hidden in one.
  const kinds = {
    home: '', vision: 'visions/1/', goal: 'goals/7/', measure: 'measures/29/', item: 'items/40/',
    changes: 'items/40/changes/', ministries: 'ministries/', ministry: 'ministries/meti/',
    followups: 'followups/', year: 'followups/2025/', 'year-ministry': 'followups/2025/mext/',
    indicators: 'indicators/', indicator: 'indicators/HUB-COURSES/',
    'indicator-breakdown': 'indicators/MEDISO-TOTAL/', search: 'search/?q=SaMD',
    'search-empty': 'search/', 'not-found': 'nope/', programmes: 'programmes/',
    programme: 'programmes/MHLW-HUB/', budgets: 'budgets/', hubs: 'hubs/',
  };
  const shots = new Set(['home', 'year', 'year-ministry', 'indicators', 'indicator', 'search', 'ministry',
                         'hubs']);
  for (const w of [360, 390, 768, 1280]) {
    const wc = await browser.newContext({ javaScriptEnabled: false, viewport: { width: w, height: 800 } });
    const wp = await wc.newPage();
    const wide = [], unlabelled = [], hidden = [];
    for (const [lang, pre] of [['ja', ''], ['en', 'en/']]) {
      for (const [name, path] of Object.entries(kinds)) {
        await wp.goto(BASE + pre + path);
        const m = await wp.evaluate(() => {
          const boxes = [...document.querySelectorAll('body *')].filter(e =>
            ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth);
          return {
            sw: document.scrollingElement.scrollWidth, iw: innerWidth,
            bad: boxes.filter(e => e.getAttribute('role') !== 'region' || !e.getAttribute('aria-label') ||
                              e.getAttribute('tabindex') !== '0').map(e => e.outerHTML.slice(0, 80)),
            scrolls: boxes.map(e => `${e.getAttribute('aria-label')} ${e.scrollWidth}/${e.clientWidth}`),
          };
        });
        if (m.sw > m.iw || m.iw !== w) wide.push(`${lang} ${name} ${m.sw}/${m.iw}`);
        if (m.bad.length) unlabelled.push(`${lang} ${name}: ${m.bad[0]}`);
        if (w === 1280 && m.scrolls.length) hidden.push(`${lang} ${name}: ${m.scrolls.join(', ')}`);
        if ((w === 390 || w === 1280) && shots.has(name))
          await wp.screenshot({ path: `${OUT}/w${w}-${lang}-${name}.png` });
      }
    }
    check(`${w} px: no page scrolls sideways (${Object.keys(kinds).length} page kinds, ja and en)`,
          wide.length === 0, ...wide);
    check(`${w} px: every box that scrolls is a labelled, focusable region`, unlabelled.length === 0, ...unlabelled);
    if (w === 1280)
      check('1280 px: no table hides columns in a scroll box', hidden.length === 0, ...hidden);
    await wc.close();
  }

  // ---- issue 15: the staff disclosure, and the changed pages at 390 and
  // 1280 px in both languages (screenshots public-*.png) ----
  // the details for staff are for signed-in staff (t08-browser.sh adds
  // the secretariat account "staff"): a session from a real sign-in
  const staff = await signIn('staff', 'Kirin-Tanuki-2024x');
  check('staff signs in (for the details for staff)', !!staff, staff);
  for (const width of [390, 1280]) {
    const wctx = await browser.newContext({ javaScriptEnabled: false,
                                            viewport: { width, height: 900 } });
    if (staff)
      await wctx.addCookies([{ name: 'mdplan_session', value: staff, url: BASE }]);
    const wp = await wctx.newPage();
    for (const [name, path] of Object.entries({
      item: 'items/40/', help: 'help/', indicators: 'indicators/', indicator: 'indicators/MEDIC-CASES/',
      ministries: 'ministries/', ministry: 'ministries/mhlw/', home: '',
    })) {
      for (const lang of ['ja', 'en']) {
        await wp.goto(BASE + (lang === 'en' ? 'en/' : '') + path);
        // the pages this issue added or changed; the other page kinds'
        // widths are checked where their layout is
        if (['item', 'help', 'indicator'].includes(name)) {
          const over = await wp.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          check(`${width} px ${lang} ${name}: no sideways scrolling`, over <= 0, over);
        }
        await wp.screenshot({ path: `${OUT}/public-${name}-${width}-${lang}.png`, fullPage: true });
      }
    }
    await wp.goto(BASE + 'items/40/');
    const hidden = !(await wp.locator('details.staff dl').isVisible());
    await wp.click('details.staff summary');
    const shown = await wp.locator('details.staff dl').isVisible();
    check(`${width} px: the details for staff are collapsed until asked for`, hidden && shown, hidden, shown);
    await wp.screenshot({ path: `${OUT}/public-item-staff-open-${width}.png`, fullPage: true });
    await wctx.close();
  }

  // ---- axe-core on each page type ----
  const a11y = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const ap = await a11y.newPage();
  const types = {
    home: '', vision: 'visions/2/', goal: 'goals/7/', measure: 'measures/29/', item: 'items/40/',
    changes: 'items/40/changes/', ministries: 'ministries/', ministry: 'ministries/meti/',
    followups: 'followups/', year: 'followups/2025/', 'year-ministry': 'followups/2025/mext/',
    'home-en': 'en/', 'item-en': 'en/items/40/', 'not-found': 'nope/',
    search: 'search/?q=%E6%B2%BB%E9%A8%93', 'search-empty': 'search/',
    'search-en': 'en/search/?q=SaMD&kind=item', 'search-en-lang': 'en/search/?q=SaMD&lang=en',
    'year-en': 'en/followups/2025/', 'indicators-en': 'en/indicators/',
    indicators: 'indicators/', indicator: 'indicators/HUB-COURSES/',
    'indicator-breakdown': 'indicators/MEDISO-TOTAL/', 'indicator-en': 'en/indicators/JHVS-VISITORS/',
    programmes: 'programmes/', programme: 'programmes/MHLW-HUB/', 'programme-en': 'en/programmes/METI-MEDIC/',
    budgets: 'budgets/', 'budgets-goal': 'budgets/goal/', hubs: 'hubs/',
    help: 'help/', 'help-en': 'en/help/', 'ministries-en': 'en/ministries/',
    'indicator-stale': 'indicators/MEDIC-CASES/',
  };
  for (const [name, path] of Object.entries(types)) {
    await ap.goto(BASE + path);
    await ap.addScriptTag({ content: axeSource });
    const res = await ap.evaluate(async () => await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    }));
    const bad = res.violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
    check(`axe: no serious or critical violations on ${name}`, bad.length === 0,
          bad.map(v => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes[0].html}`));
    check(`axe: checks ran on ${name}`, res.passes.length > 10, res.passes.length);
    await ap.screenshot({ path: `${OUT}/axe-${name}.png` });
  }
  await a11y.close();
} catch (e) {
  check('browser run finished', false, e.stack || String(e));
} finally {
  await browser.close();
}
