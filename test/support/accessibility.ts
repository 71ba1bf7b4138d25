import type { Page } from 'playwright-core';

// Page-side code as text: the tests' TypeScript has no DOM types, and this runs only in Chromium.

/** The visible controls with no accessible name (no label, aria-label, aria-labelledby or text), by id or markup. */
export function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`[...document.querySelectorAll('input, select, textarea, button')]
    .filter((control) => control.getClientRects().length > 0)
    .filter((control) => {
      const labelled = (control.getAttribute('aria-labelledby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join('');
      const labels = [...(control.labels ?? [])].map((label) => label.textContent.trim()).join('');
      const text = control.tagName === 'BUTTON' ? control.textContent.trim() : '';
      return !(control.getAttribute('aria-label') || labelled || labels || text);
    })
    .map((control) => control.id || control.outerHTML.slice(0, 80))`);
}

/** Tabs through the page and returns every focused element that shows no focus ring. */
export async function focusWithoutRing(page: Page, tabs: number): Promise<string[]> {
  const missing: string[] = [];
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  for (let step = 0; step < tabs; step += 1) {
    await page.keyboard.press('Tab');
    const shown = await page.evaluate<{ name: string; ring: boolean } | null>(`(() => {
      const focused = document.activeElement;
      if (!focused || focused === document.body) return null;
      const style = getComputedStyle(focused);
      return { name: focused.id || focused.getAttribute('aria-label') || focused.textContent.trim() || focused.tagName, ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 };
    })()`);
    if (shown && !shown.ring) missing.push(shown.name);
  }
  return missing;
}

/** The elements that reach past the window's right edge (so the page scrolls sideways), by id, class or tag. */
export function widerThanWindow(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`[...document.querySelectorAll('body *')]
    .filter((element) => element.getClientRects().length > 0 && element.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
    .map((element) => element.id || element.className || element.tagName)`);
}
