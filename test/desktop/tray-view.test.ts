import type { MenuTemplateItem } from '../../src/desktop/tray/menu-template.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TrayView, type TrayPort, type TrayFrame } from '../../src/desktop/tray/tray-view.js';

/** A tray that records what was set on it. */
function recordingPort() {
  const calls: string[] = [];
  const port: TrayPort = {
    setContextMenu: (template: MenuTemplateItem[]) => calls.push(`menu ${template.map((item) => item.label).join('|')}`),
    setToolTip: (text) => calls.push(`tooltip ${text}`),
    setTitle: (text) => calls.push(`title ${text}`),
    setImage: (state) => calls.push(`icon ${state}`),
  };
  return { port, calls };
}

const view = (label: string, overrides: Partial<TrayFrame> = {}): TrayFrame => ({
  template: [{ label, click: () => undefined }],
  icon: 'signed-in',
  tooltip: 'Keyless: a expires in 1h 0m',
  title: '1h 0m',
  ...overrides,
});

beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2026, 10, 23, 9, 0, 30) }));
afterEach(() => vi.useRealTimers());

describe('TrayView', () => {
  it('sets each part once, and nothing again while nothing changed', () => {
    const { port, calls } = recordingPort();
    let current = view('a: expires in 1h 0m');
    const service = new TrayView(port, () => current, 'linux');
    service.render();
    service.render();
    expect(calls).toEqual(['menu a: expires in 1h 0m', 'icon signed-in', 'tooltip Keyless: a expires in 1h 0m']);
    // A new click handler alone is not a change.
    current = view('a: expires in 1h 0m');
    service.render();
    expect(calls).toHaveLength(3);
    current = view('a: expires in 59m', { tooltip: 'Keyless: a expires in 59m' });
    service.render();
    expect(calls.slice(3)).toEqual(['menu a: expires in 59m', 'tooltip Keyless: a expires in 59m']);
  });

  it('sets the title only on macOS', () => {
    const mac = recordingPort();
    new TrayView(mac.port, () => view('x'), 'darwin').render();
    expect(mac.calls).toContain('title 1h 0m');
    const linux = recordingPort();
    new TrayView(linux.port, () => view('x'), 'linux').render();
    expect(linux.calls.some((call) => call.startsWith('title'))).toBe(false);
  });

  it('ticks at the start of each minute, re-setting the menu only when the countdown text moved', () => {
    const { port, calls } = recordingPort();
    const end = Date.UTC(2026, 10, 23, 11, 0);
    const countdown = () => `${Math.floor((end - Date.now()) / 60_000)}m`;
    const service = new TrayView(port, () => view(countdown(), { tooltip: 'fixed', icon: 'signed-in' }), 'linux');
    service.start();
    expect(calls.filter((call) => call.startsWith('menu'))).toEqual(['menu 119m']);
    // The first tick, at 09:01:00, still reads 119m: nothing is set.
    vi.advanceTimersByTime(30_000);
    expect(calls.filter((call) => call.startsWith('menu'))).toHaveLength(1);
    vi.advanceTimersByTime(59_999);
    expect(calls.filter((call) => call.startsWith('menu'))).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(calls.filter((call) => call.startsWith('menu'))).toEqual(['menu 119m', 'menu 118m']);
    vi.advanceTimersByTime(3 * 60_000);
    expect(calls.filter((call) => call.startsWith('menu'))).toEqual(['menu 119m', 'menu 118m', 'menu 117m', 'menu 116m', 'menu 115m']);
    service.stop();
    vi.advanceTimersByTime(10 * 60_000);
    expect(calls.filter((call) => call.startsWith('menu'))).toHaveLength(5);
  });

  it('re-renders when asked after a resume, changing the icon as time has passed', () => {
    const { port, calls } = recordingPort();
    let icon: TrayFrame['icon'] = 'signed-in';
    const service = new TrayView(port, () => view('x', { icon }), 'linux');
    service.render();
    icon = 'expired';
    service.render();
    expect(calls.filter((call) => call.startsWith('icon'))).toEqual(['icon signed-in', 'icon expired']);
  });
});

describe('TrayView and checkboxes', () => {
  it('sets the menu again after a checkbox click even when the state did not change, since the system flipped its tick', () => {
    const { port, calls } = recordingPort();
    let set: MenuTemplateItem[] = [];
    const recording: TrayPort = { ...port, setContextMenu: (template) => ((set = template), port.setContextMenu(template)) };
    const frame = view('x', { template: [{ label: 'Start at login', type: 'checkbox', checked: false, click: () => undefined }] });
    const service = new TrayView(recording, () => frame, 'linux');
    service.render();
    service.render();
    expect(calls.filter((call) => call.startsWith('menu'))).toHaveLength(1);
    set[0]!.click!();
    service.render();
    expect(calls.filter((call) => call.startsWith('menu'))).toHaveLength(2);
  });
});
