// Accessibility check with axe-core inside the page (the real library, injected as a script).
import { type Page } from '@playwright/test';
import axe from 'axe-core';

export interface AxeViolationSummary {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** Runs axe on the current page and returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolationSummary[]> {
  const alreadyInjected = await page.evaluate(() => 'axe' in window);
  if (!alreadyInjected) await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: typeof import('axe-core') };
    const result = await w.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  // E2E_AXE_VERBOSE=1 also lists the minor and moderate findings, which do not fail the test.
  if (process.env.E2E_AXE_VERBOSE) console.log(`axe on ${page.url()}:`, JSON.stringify(violations, null, 1));
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
