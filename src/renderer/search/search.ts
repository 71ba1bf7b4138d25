import { formatCountdown } from '../../shared/countdown.js';
import type { SearchRow } from '../../shared/ipc-types.js';
import { failureSentence, keyless } from '../common/keyless.js';
import { setupProfileConsole } from './profile-console.js';
import { RowMatcher } from './rank-rows.js';
import { VirtualList } from './virtual-list.js';

const ROW_HEIGHT = 44;
const PAGE = 10;
// Copy is Cmd+C on macOS, Ctrl+C elsewhere.
const MAC = navigator.platform.startsWith('Mac');

const query = document.getElementById('query') as HTMLInputElement;
const results = document.getElementById('results') as HTMLElement;
const summary = document.getElementById('summary') as HTMLElement;
const message = document.getElementById('message') as HTMLElement;
const actionsPanel = document.getElementById('actions') as HTMLElement;
const keysHint = document.querySelector('.keys') as HTMLElement;

let matcher = new RowMatcher([]);
let shown: SearchRow[] = [];
let total = 0;
let regions: string[] = [];

function rowElement(row: SearchRow, index: number, selected: boolean): HTMLElement {
  const element = document.createElement('div');
  element.className = 'row';
  element.id = `row-${index}`;
  element.setAttribute('role', 'option');
  element.setAttribute('aria-selected', String(selected));
  // Only the rows in view exist: their place in the whole list is said outright.
  element.setAttribute('aria-posinset', String(index + 1));
  element.setAttribute('aria-setsize', String(shown.length));
  const text = document.createElement('div');
  const name = document.createElement('div');
  name.className = 'name';
  name.textContent = `${row.favourite ? '★ ' : ''}${rowLabel(row)}`;
  const detail = document.createElement('div');
  detail.className = 'detail';
  detail.textContent = (row.chainedFrom === null ? [row.accountId, row.email, row.session] : [`chained from ${row.chainedFrom}`, row.session])
    .filter(Boolean)
    .join(' · ');
  text.append(name, detail);
  const left = document.createElement('span');
  left.className = 'left';
  left.textContent = row.credentialsExpireAt && row.credentialsExpireAt > Date.now() ? formatCountdown(row.credentialsExpireAt - Date.now()) : '';
  element.append(text, left);
  // The keyboard stays in the search box, where the keys work, whatever is clicked.
  element.addEventListener('mousedown', (event) => event.preventDefault());
  element.addEventListener('click', () => select(index));
  element.addEventListener('dblclick', () => void openConsole(row));
  return element;
}

/** A row's name as the tray shows it: "Account · Role", or for a chained role "Name → 210987654321/Role". */
function rowLabel(row: SearchRow): string {
  return row.chainedFrom === null ? `${row.accountName} · ${row.roleName}` : `${row.accountName} → ${row.accountId}/${row.roleName}`;
}

/** The role in a sentence: "Role in account", or for a chained role "name (Role in 210987654321)". */
function roleInWords(row: SearchRow): string {
  return row.chainedFrom === null ? `${row.roleName} in ${row.accountName}` : `${row.accountName} (${row.roleName} in ${row.accountId})`;
}

/** Said after copying a chained role's credentials: AWS caps them at an hour whatever the role allows, which is easy to be surprised by. */
const CHAINED_CAP = '; AWS gives chained roles an hour at most';

const list = new VirtualList<SearchRow>(results, ROW_HEIGHT, rowElement);

/** Tells assistive technology which row is selected. */
function announceSelection(): void {
  if (shown.length > 0) query.setAttribute('aria-activedescendant', `row-${list.selectedIndex}`);
  else query.removeAttribute('aria-activedescendant');
}

/** How long the highlight must rest on a row before its console token is fetched ahead: arrowing past rows fetches nothing. */
const PREPARE_AFTER_MS = 300;
let prepareTimer: ReturnType<typeof setTimeout> | undefined;

/** Asks for the highlighted row's console token ahead, once the highlight rests, so Enter then costs no round trip. */
function prepareSelected(): void {
  clearTimeout(prepareTimer);
  const id = list.selected?.id;
  if (id === undefined) return;
  prepareTimer = setTimeout(() => void keyless.prepareConsole(id).catch(() => undefined), PREPARE_AFTER_MS);
}

/** Selects a row, scrolled into view. */
function select(index: number): void {
  list.select(index);
  announceSelection();
  prepareSelected();
}

/** Filters and redraws synchronously, so one keystroke's work is exactly this call. */
function update(): void {
  shown = matcher.match(query.value);
  list.setItems(shown);
  announceSelection();
  prepareSelected();
  summary.textContent = query.value.trim() === '' ? `${total} roles` : `${shown.length} of ${total} roles`;
  actionsPanel.hidden = true;
}

async function run(action: () => Promise<void>, done: string): Promise<void> {
  try {
    await action();
    message.textContent = done;
  } catch (error) {
    message.textContent = failureSentence(error);
  }
}

const openConsole = (row: SearchRow, region?: string) =>
  run(() => keyless.openConsole(row.id, region), region ? `Opened the console in ${region}.` : `Opened the console as ${roleInWords(row)}.`).then(reload);
const copyCredentials = (row: SearchRow) =>
  run(() => keyless.copyCredentials(row.id), `Copied credentials for ${roleInWords(row)}${row.chainedFrom === null ? '' : CHAINED_CAP}.`).then(reload);

/** Closes the action list and gives the keyboard back to the search box. */
function closeActions(): void {
  actionsPanel.hidden = true;
  query.focus();
}

/** The action list for a row, focused on its first action, or with `inRegion` on its first "Open in" region. */
function showActions(row: SearchRow, inRegion = false): void {
  const button = (label: string, action: () => Promise<void>) => {
    const element = document.createElement('button');
    element.type = 'button';
    element.setAttribute('role', 'menuitem');
    element.textContent = label;
    element.addEventListener('click', () => {
      closeActions();
      void action();
    });
    return element;
  };
  actionsPanel.replaceChildren(
    button('Open console', () => openConsole(row)),
    ...regions.map((region) => button(`Open in ${region}`, () => openConsole(row, region))),
    button('Copy credentials', () => copyCredentials(row)),
    button('Copy console URL', () => run(() => keyless.copyConsoleUrl(row.id), 'Copied the console URL.').then(reload)),
    button(row.favourite ? 'Unpin' : 'Pin to Favourites', () =>
      run(() => keyless.togglePin(row.id), row.favourite ? 'Unpinned.' : 'Pinned to Favourites.').then(reload),
    ),
  );
  actionsPanel.hidden = false;
  ((inRegion && regions.length > 0 ? actionsPanel.children[1] : actionsPanel.firstElementChild) as HTMLElement | null)?.focus();
}

/** Fetches the rows again (after a pin, a new credential, coming back to the window), keeping the query and the selected role. */
async function reload(): Promise<void> {
  let rows: SearchRow[];
  try {
    rows = await keyless.searchRows();
  } catch (error) {
    message.textContent = failureSentence(error);
    return;
  }
  const selectedId = list.selected?.id;
  matcher = new RowMatcher(rows);
  total = rows.length;
  const panelOpen = !actionsPanel.hidden;
  update();
  select(
    Math.max(
      0,
      shown.findIndex((row) => row.id === selectedId),
    ),
  );
  if (panelOpen) query.focus();
}

/** Copy with nothing selected in the box means "copy this role's credentials"; the letter C wherever the layout puts it. */
function isCopy(event: KeyboardEvent): boolean {
  const letter = event.key.toLowerCase() === 'c' || (event.code === 'KeyC' && !/^[a-z]$/i.test(event.key));
  return letter && (MAC ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey) && !event.altKey && !event.shiftKey;
}

/** Arrow keys move through the action list; left arrow goes back to the search box. */
function actionKeys(event: KeyboardEvent): void {
  const items = [...actionsPanel.querySelectorAll<HTMLElement>('[role="menuitem"]')];
  const at = items.indexOf(document.activeElement as HTMLElement);
  const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1 }[event.key];
  if (step !== undefined && at !== -1) {
    event.preventDefault();
    items[(at + step + items.length) % items.length]?.focus();
  } else if (event.key === 'ArrowLeft') {
    event.preventDefault();
    closeActions();
  }
}

query.addEventListener('input', update);
document.addEventListener('keydown', (event) => {
  const row = list.selected;
  if (event.key === 'Escape') {
    if (!actionsPanel.hidden) closeActions();
    else {
      query.value = '';
      update();
    }
    return;
  }
  if (!actionsPanel.hidden && actionsPanel.contains(event.target as Node)) {
    actionKeys(event);
    return;
  }
  if (event.target !== query) return;
  const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: PAGE, PageUp: -PAGE };
  if (event.key in moves) {
    event.preventDefault();
    select(list.selectedIndex + moves[event.key]!);
  } else if (event.key === 'Enter' && event.shiftKey && row) {
    event.preventDefault();
    showActions(row, true);
  } else if (event.key === 'Enter' && row) {
    event.preventDefault();
    // Held down, Enter repeats: one console is what was asked for.
    if (!event.repeat) void openConsole(row);
  } else if (isCopy(event) && row && query.selectionStart === query.selectionEnd) {
    event.preventDefault();
    if (!event.repeat) void copyCredentials(row);
  } else if (event.key === 'ArrowRight' && row && query.selectionStart === query.value.length) {
    event.preventDefault();
    showActions(row);
  }
});

// Countdowns move by the minute.
setInterval(() => list.refresh(), 60_000);
// A window shown again lists what is there now: organisations removed, accounts found since.
window.addEventListener('focus', () => {
  void reload();
  if (actionsPanel.hidden) query.focus();
});
setupProfileConsole(message);
if (MAC) keysHint.textContent = keysHint.textContent!.replace('Ctrl+C', '⌘C');

Promise.all([keyless.searchRows(), keyless.consoleRegions()]).then(
  ([rows, available]) => {
    regions = available;
    matcher = new RowMatcher(rows);
    total = rows.length;
    update();
    query.focus();
    // One throwaway match while idle, so the first real keystroke does not pay for the engine's warm-up.
    requestIdleCallback(() => matcher.match('a'));
  },
  (error: unknown) => (message.textContent = failureSentence(error)),
);
