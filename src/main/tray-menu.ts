import type { MenuItemConstructorOptions } from 'electron';

/** What the tray menu shows; grows with sign-in, accounts and countdowns. */
export interface TrayState {
  version: string;
}

/** What menu items do when clicked, supplied by the tray service. */
export interface TrayActions {
  openAbout(): void;
  quit(): void;
}

/** The tray menu as a template: a pure function of the state, so it is tested as data. */
export function buildTrayMenu(state: TrayState, actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { id: 'status', label: 'Not signed in', enabled: false },
    { type: 'separator' },
    { id: 'about', label: `About Keyless ${state.version}`, click: () => actions.openAbout() },
    { id: 'quit', label: 'Quit Keyless', accelerator: 'CommandOrControl+Q', click: () => actions.quit() },
  ];
}
