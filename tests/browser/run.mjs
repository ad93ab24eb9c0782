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
  const rows = await page.locator('table.fy tbody tr:not(.vision):not(.goal)').count();
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
  await phone.close();
  await ctx.close();

  // ---- axe-core on each page type ----
  const a11y = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const ap = await a11y.newPage();
  const types = {
    home: '', vision: 'visions/2/', goal: 'goals/7/', measure: 'measures/29/', item: 'items/40/',
    changes: 'items/40/changes/', ministries: 'ministries/', ministry: 'ministries/meti/',
    followups: 'followups/', year: 'followups/2025/', 'year-ministry': 'followups/2025/mext/',
    'home-en': 'en/', 'item-en': 'en/items/40/', 'not-found': 'nope/',
    search: 'search/?q=%E6%B2%BB%E9%A8%93', 'search-empty': 'search/',
    'search-en': 'en/search/?q=SaMD&kind=item',
    indicators: 'indicators/', indicator: 'indicators/HUB-COURSES/',
    'indicator-breakdown': 'indicators/MEDISO-TOTAL/', 'indicator-en': 'en/indicators/JHVS-VISITORS/',
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
