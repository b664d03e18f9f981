import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium: the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

const SCREENSHOTS = fileURLToPath(new URL('../e2e/screenshots/', import.meta.url));

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown; failureSummary?: string }>;
}

/**
 * Runs axe-core (WCAG 2.0/2.1, A and AA) on the page and returns its serious and critical
 * violations. The source is evaluated through the DevTools protocol, which our CSP (rightly)
 * does not let a `<script>` tag do.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // Runs in the page; this file is type-checked without the DOM library, hence the cast.
    const page = globalThis as unknown as {
      axe: { run: (...args: unknown[]) => Promise<{ violations: unknown[] }> };
      document: unknown;
    };
    const result = await page.axe.run(page.document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  return (violations as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A readable account of violations, for the assertion message. */
export const describeViolations = (violations: AxeViolation[]) =>
  violations
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n')}`,
    )
    .join('\n');

/** The page helpers every browser test uses, bound to one browser and one running forum. */
export function browserHelpers(getBrowser: () => Browser, getBaseUrl: () => string) {
  /** Sends the real sign-in form; where the site goes next is the caller's to check. */
  async function submitSignIn(page: Page, user: { email: string; password: string }) {
    await page.goto(`${getBaseUrl()}/accedi`);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel(/^Password/).fill(user.password);
    await page.getByRole('button', { name: 'Accedi' }).click();
  }
  return {
    async newPage(options: { javaScriptEnabled?: boolean; viewport?: typeof DESKTOP } = {}) {
      const context = await getBrowser().newContext({
        locale: 'it-IT',
        viewport: options.viewport ?? DESKTOP,
        ...options,
      });
      context.setDefaultTimeout(10_000);
      return { context, page: await context.newPage() };
    },
    submitSignIn,
    /** Signs in through the real form and lands on the home page. */
    async signIn(page: Page, user: { email: string; password: string }) {
      await submitSignIn(page, user);
      await page.waitForURL(`${getBaseUrl()}/`);
    },
    /** Checks the page with axe-core (no serious or critical violation) and keeps a screenshot of it. */
    async audit(page: Page, name: string) {
      const violations = await seriousA11yViolations(page);
      if (violations.length) throw new Error(`${name}: accessibility violations\n${describeViolations(violations)}`);
      await screenshot(page, name);
    },
  };
}
