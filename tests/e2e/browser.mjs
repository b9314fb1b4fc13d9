// Общее для браузерных тестов: настройки из окружения, запуск Chromium, страницы с контролем ошибок.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const BASE = (process.env.ZH_BASE_URL || '').replace(/\/+$/, '');
export const PASSWORD = process.env.ZH_DEMO_PASSWORD || '';
export const TEACHER = process.env.ZH_TEACHER_LOGIN || '';
export const CHROMIUM = process.env.ZH_CHROMIUM || '/usr/bin/chromium';
export const TIMEOUT = 15000;

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };

let browser;

/** Запускает Chromium перед тестами файла и закрывает после них. */
export function useBrowser() {
  before(async () => {
    const missing = ['ZH_BASE_URL', 'ZH_DEMO_PASSWORD', 'ZH_TEACHER_LOGIN'].filter((k) => !process.env[k]);
    if (missing.length) throw new Error(`не заданы переменные окружения: ${missing.join(', ')}`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => { if (browser) await browser.close(); });
}

/** Новый изолированный браузерный контекст и страница; собирает ошибки JS и нарушения CSP. */
export async function open(viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, locale: 'ru-RU' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`ошибка JS: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  return { context, page, problems };
}

export const hashOf = (page) => new URL(page.url()).hash;

export async function waitHash(page, re) {
  await page.waitForURL((u) => re.test(new URL(u).hash), { timeout: TIMEOUT });
}
