import { describe, expect, it } from 'vitest';
import { buildTrayMenu } from '../../src/main/tray-menu.js';

describe('buildTrayMenu', () => {
  it('shows the status, an About item with the version, and Quit', () => {
    const clicked: string[] = [];
    const template = buildTrayMenu({ version: '1.2.3' }, { openAbout: () => clicked.push('about'), quit: () => clicked.push('quit') });
    expect(template.map((item) => item.label ?? item.type)).toEqual(['Not signed in', 'separator', 'About Keyless 1.2.3', 'Quit Keyless']);
    expect(template[0]?.enabled).toBe(false);
    for (const item of template) item.click?.(undefined as never, undefined, undefined as never);
    expect(clicked).toEqual(['about', 'quit']);
  });
});
