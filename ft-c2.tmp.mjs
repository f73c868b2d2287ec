import { chromium } from '@playwright/test';
console.log('node date', new Date().toISOString());
const t = performance.now();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', timeout: 20000, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
console.log('launched', Math.round(performance.now() - t));
const page = await browser.newPage();
console.log('page date', await page.evaluate(() => new Date().toISOString()));
await browser.close();
