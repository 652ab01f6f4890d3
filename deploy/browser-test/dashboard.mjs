// Drives the report service's dashboard in the system's headless Chromium (Debian's chromium package;
// playwright-core never downloads a browser):
//   PANELFLOW_USER=... PANELFLOW_PASSWORD=... node deploy/browser-test/dashboard.mjs <reportUrl> <data file> <spec file> [screenshot dir]
// (a submitter; `set -a; . .panelflow/credentials.env` gives the local stack's)
// Opens the dashboard, signs in with its form, uploads data + spec with the form, watches the run reach COMPLETED in the
// live list, opens the run page and checks that the report's tables are visible. Screenshots go to
// the screenshot dir (default: system-tests/target/browser). Exit code 0 = all checks passed.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const [reportUrl, dataFile, specFile, shotArg] = process.argv.slice(2);
if (!reportUrl || !dataFile || !specFile) {
  console.error('usage: node dashboard.mjs <reportUrl> <data file> <spec file> [screenshot dir]');
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shots = resolve(shotArg || join(root, 'system-tests/target/browser'));
mkdirSync(shots, { recursive: true });
const user = process.env.PANELFLOW_USER, password = process.env.PANELFLOW_PASSWORD;
if (!user || !password) {
  console.error('PANELFLOW_USER and PANELFLOW_PASSWORD (a submitter) are needed to sign in');
  process.exit(2);
}
const authorization = 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
const executablePath = process.env.PANELFLOW_CHROMIUM || '/usr/bin/chromium';
const runTimeout = Number(process.env.PANELFLOW_BROWSER_RUN_TIMEOUT_MS || 180000);
if (!existsSync(executablePath)) {
  console.error(`no browser at ${executablePath}`);
  process.exit(3);
}

const step = msg => console.log(`[dashboard] ${new Date().toISOString().slice(11, 19)} ${msg}`);
const profile = mkdtempSync(join(tmpdir(), 'panelflow-chromium-'));
// a fresh profile: Playwright passes it to Chromium as --user-data-dir
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
let page;
try {
  page = context.pages()[0] || await context.newPage();
  page.on('pageerror', e => problems.push(`page error: ${e.message}`));
  page.on('response', r => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} for ${r.url()}`); });
  page.on('console', m => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console error: ${m.text()}`);
  });

  step(`open ${reportUrl}/`);
  await page.goto(reportUrl + '/', { waitUntil: 'domcontentloaded' });
  await page.locator('#sign-in').waitFor({ state: 'visible', timeout: 15000 });
  await page.fill('#sign-in-user', user);
  await page.fill('#sign-in-password', password);
  await page.click('#sign-in-submit');
  await page.locator('#live.on').waitFor({ timeout: 15000 });
  await page.locator('#sign-in').waitFor({ state: 'hidden', timeout: 5000 });
  await page.locator('#who-name', { hasText: user }).waitFor({ timeout: 5000 });
  step(`signed in as ${user}, live stream connected`);

  await page.setInputFiles('#data', dataFile);
  await page.setInputFiles('#spec', specFile);
  await page.click('#submit');
  const newRun = page.locator('#new-run');
  await newRun.waitFor({ timeout: 30000 });
  const runId = await newRun.getAttribute('data-run');
  step(`uploaded with the form: run ${runId}`);

  const row = page.locator(`tr[data-run="${runId}"]`);
  await row.waitFor({ timeout: 10000 });
  await page.screenshot({ path: join(shots, 'dashboard-1-uploaded.png'), fullPage: true });
  // no reload: the list only changes through the server-sent events
  const seen = new Set();
  const deadline = Date.now() + runTimeout;
  for (;;) {
    const status = (await row.locator('td.status').innerText()).split('\n')[0].trim();
    if (!seen.has(status)) { seen.add(status); step(`list shows ${status}`); }
    if (status === 'COMPLETED') break;
    if (status === 'FAILED') throw new Error(`the run failed: ${await row.locator('td.status').innerText()}`);
    if (Date.now() > deadline) throw new Error(`the run is not COMPLETED in the list after ${runTimeout} ms (last ${status})`);
    await page.waitForTimeout(250);
  }
  await row.locator('td.links a', { hasText: 'html' }).waitFor({ timeout: 10000 });
  await page.screenshot({ path: join(shots, 'dashboard-2-completed.png'), fullPage: true });

  step('open the run page');
  await row.locator('a.run-link').click();
  await page.waitForURL(`**/#/runs/${runId}`);
  await page.locator('#run-status.COMPLETED').waitFor({ timeout: 15000 });
  for (const stage of ['INGEST', 'INDEX', 'ESTIMATION', 'REPORT']) {
    const s = page.locator(`.stage[data-stage="${stage}"]`);
    if (!(await s.getAttribute('class')).includes('COMPLETED')) throw new Error(`stage ${stage} is not shown completed`);
  }
  for (const f of ['html', 'md', 'tex', 'docx', 'csv', 'json']) {
    await page.locator(`a.format[data-format="${f}"]`).waitFor({ timeout: 5000 });
  }
  const bundleHref = await page.locator('#bundle-link').getAttribute('href');
  if (!bundleHref.endsWith(`/api/runs/${runId}/bundle`)) throw new Error(`bundle link ${bundleHref}`);
  const bundle = await page.request.get(reportUrl + bundleHref, { headers: { Authorization: authorization } });
  if (bundle.status() !== 200 || !(bundle.headers()['content-type'] || '').includes('zip')) {
    throw new Error(`the bundle link answers ${bundle.status()} ${bundle.headers()['content-type']}`);
  }

  const frame = page.frameLocator('#report-frame');
  const tables = frame.locator('table');
  await tables.first().waitFor({ state: 'visible', timeout: 30000 });
  const count = await tables.count();
  if (count < 3) throw new Error(`only ${count} tables in the embedded report`);
  await frame.locator('svg').first().waitFor({ state: 'visible', timeout: 10000 });
  const firstTable = (await tables.first().innerText()).slice(0, 120).replace(/\s+/g, ' ');
  step(`run page shows the report: ${count} tables, first: "${firstTable}"`);
  const frameBox = await page.locator('#report-frame').boundingBox();
  if (!frameBox || frameBox.height < 600) throw new Error(`the report frame is ${frameBox && frameBox.height}px high`);
  await page.screenshot({ path: join(shots, 'dashboard-3-run-page.png'), fullPage: false });
  await page.locator('#run-view').screenshot({ path: join(shots, 'dashboard-4-run-page-full.png') });

  if (problems.length) throw new Error(problems.join('\n'));
  step('all checks passed');
} catch (e) {
  console.error(`[dashboard] FAILED: ${e.message}`);
  if (problems.length) console.error(problems.join('\n'));
  if (page) await page.screenshot({ path: join(shots, 'dashboard-failure.png'), fullPage: true }).catch(() => {});
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
