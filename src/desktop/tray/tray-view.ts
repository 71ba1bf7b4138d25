import type { MenuTemplateItem } from './menu-template.js';

/** The Electron Tray as the view needs it; main passes the real one, tests a recorder. */
export interface TrayPort {
  setContextMenu(template: MenuTemplateItem[]): void;
  setToolTip(text: string): void;
  setTitle(text: string): void;
  /** Shows the named image from assets/. */
  setImage(file: string): void;
}

/** What one render produces. */
export interface TrayFrame {
  template: MenuTemplateItem[];
  /** The image file, from trayIconFile(). */
  icon: string;
  tooltip: string;
  title: string;
}

const MINUTE = 60_000;

/** The menu's text and structure, without its click handlers: equal text means nothing to re-set. */
function menuText(template: MenuTemplateItem[]): string {
  return JSON.stringify(template, (key, value: unknown) => (typeof value === 'function' || key === 'click' ? undefined : value));
}

/**
 * The template with each checkbox's click marking the shown menu unknown: the system flips a tick before the handler
 * runs, so after a refused change the menu must be set again for its tick to tell the truth.
 */
function trackingCheckboxes(template: readonly MenuTemplateItem[], flipped: () => void): MenuTemplateItem[] {
  return template.map((item) => {
    if (item.submenu) return { ...item, submenu: trackingCheckboxes(item.submenu, flipped) };
    const click = item.click;
    if (item.type !== 'checkbox' || !click) return item;
    return {
      ...item,
      click: () => {
        flipped();
        click();
      },
    };
  });
}

/** Keeps the tray in step with the state: re-renders on changes and each minute, and sets each part only when it changed. */
export class TrayView {
  #shown = { menu: '', icon: '', tooltip: '', title: '' };
  #stop: (() => void) | undefined;

  constructor(
    private readonly port: TrayPort,
    private readonly view: () => TrayFrame,
    private readonly platform: NodeJS.Platform,
  ) {}

  /** Renders now; sets the menu, icon, tooltip and title only where they differ from what is shown. */
  render(): void {
    const view = this.view();
    const menu = menuText(view.template);
    // Linux needs the whole menu set again after any change, so one change re-sets the whole menu everywhere.
    if (menu !== this.#shown.menu) {
      this.port.setContextMenu(trackingCheckboxes(view.template, () => (this.#shown.menu = '')));
      this.#shown.menu = menu;
    }
    if (view.icon !== this.#shown.icon) {
      this.port.setImage(view.icon);
      this.#shown.icon = view.icon;
    }
    if (view.tooltip !== this.#shown.tooltip) {
      this.port.setToolTip(view.tooltip);
      this.#shown.tooltip = view.tooltip;
    }
    // Only macOS shows a title beside the icon.
    if (this.platform === 'darwin' && view.title !== this.#shown.title) {
      this.port.setTitle(view.title);
      this.#shown.title = view.title;
    }
  }

  /** Renders now and then at the start of every minute, when countdowns change. */
  start(now: () => number = Date.now): void {
    this.stop();
    this.render();
    let interval: ReturnType<typeof setInterval> | undefined;
    const timeout = setTimeout(
      () => {
        this.render();
        interval = setInterval(() => this.render(), MINUTE);
      },
      MINUTE - (now() % MINUTE),
    );
    this.#stop = () => {
      clearTimeout(timeout);
      if (interval) clearInterval(interval);
    };
  }

  stop(): void {
    this.#stop?.();
    this.#stop = undefined;
  }
}
