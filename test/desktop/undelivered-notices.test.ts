import { describe, expect, it } from 'vitest';
import { withUndelivered } from '../../src/desktop/tray/tray-frame.js';
import { UNDELIVERED_SHOWN_MS, UndeliveredNotices } from '../../src/desktop/tray/undelivered-notices.js';

describe('UndeliveredNotices', () => {
  it('keeps the latest refused sentence for the tray for ten minutes, and says when to redraw', () => {
    let now = 0;
    let redraws = 0;
    const notices = new UndeliveredNotices(() => now);
    notices.onChange(() => (redraws += 1));
    expect(notices.current()).toBeUndefined();
    notices.add('First.');
    notices.add('Second.');
    expect([notices.current(), redraws]).toEqual(['Second.', 2]);
    now = UNDELIVERED_SHOWN_MS - 1;
    expect(notices.current()).toBe('Second.');
    now = UNDELIVERED_SHOWN_MS;
    expect(notices.current()).toBeUndefined();
  });

  it('shows on the tray as the error icon and the first line of the tooltip, the menu untouched', () => {
    const frame = { template: [{ label: 'Quit Keyless' }], icon: 'tray-signed-in-light.png', tooltip: 'Keyless: not signed in', title: '' };
    expect(withUndelivered(frame, undefined, 'linux', false)).toBe(frame);
    expect(withUndelivered(frame, 'Refused.', 'linux', true)).toEqual({
      ...frame,
      icon: 'tray-error-dark.png',
      tooltip: 'Keyless: Refused.\nKeyless: not signed in',
    });
  });
});
