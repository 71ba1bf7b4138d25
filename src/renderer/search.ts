import { formatCountdown } from '../shared/countdown.js';
import type { SearchRow } from '../shared/ipc-api.js';
import { RowMatcher } from './search/rank-rows.js';
import { VirtualList } from './search/virtual-list.js';

const ROW_HEIGHT = 44;
const PAGE = 10;

const query = document.getElementById('query') as HTMLInputElement;
const results = document.getElementById('results') as HTMLElement;
const summary = document.getElementById('summary') as HTMLElement;
const message = document.getElementById('message') as HTMLElement;
const actionsPanel = document.getElementById('actions') as HTMLElement;

let matcher = new RowMatcher([]);
let total = 0;
let regions: string[] = [];

/** IPC errors arrive wrapped ("Error invoking remote method …: Error: sentence"); show only the sentence. */
function sentence(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^Error invoking remote method '[^']+': (Error: )?/, '');
}

function rowElement(row: SearchRow, index: number, selected: boolean): HTMLElement {
  const element = document.createElement('div');
  element.className = 'row';
  element.id = `row-${index}`;
  element.setAttribute('role', 'option');
  element.setAttribute('aria-selected', String(selected));
  const text = document.createElement('div');
  const name = document.createElement('div');
  name.className = 'name';
  name.textContent = `${row.favourite ? '★ ' : ''}${row.accountName} · ${row.roleName}`;
  const detail = document.createElement('div');
  detail.className = 'detail';
  detail.textContent = [row.accountId, row.email, row.session].filter(Boolean).join(' · ');
  text.append(name, detail);
  const left = document.createElement('span');
  left.className = 'left';
  left.textContent = row.credentialsExpireAt && row.credentialsExpireAt > Date.now() ? formatCountdown(row.credentialsExpireAt - Date.now()) : '';
  element.append(text, left);
  element.addEventListener('click', () => list.select(index));
  element.addEventListener('dblclick', () => void run(() => window.keyless.openConsole(row.id), `Opened the console as ${row.roleName} in ${row.accountName}.`));
  return element;
}

const list = new VirtualList<SearchRow>(results, ROW_HEIGHT, rowElement);

/** Filters and redraws synchronously, so one keystroke's work is exactly this call. */
function update(): void {
  const rows = matcher.match(query.value);
  list.setItems(rows);
  query.setAttribute('aria-activedescendant', rows.length > 0 ? 'row-0' : '');
  summary.textContent = query.value.trim() === '' ? `${total} roles` : `${rows.length} of ${total} roles`;
  actionsPanel.hidden = true;
}

async function run(action: () => Promise<void>, done: string): Promise<void> {
  try {
    await action();
    message.textContent = done;
  } catch (error) {
    message.textContent = sentence(error);
  }
}

/** The action list for a row, focused on its first action, or with `inRegion` on its first "Open in" region. */
function showActions(row: SearchRow, inRegion = false): void {
  const button = (label: string, action: () => Promise<void>, done: string) => {
    const element = document.createElement('button');
    element.type = 'button';
    element.setAttribute('role', 'menuitem');
    element.textContent = label;
    element.addEventListener('click', () => void run(action, done).then(reload));
    return element;
  };
  actionsPanel.replaceChildren(
    button('Open console', () => window.keyless.openConsole(row.id), `Opened the console as ${row.roleName} in ${row.accountName}.`),
    ...regions.map((region) => button(`Open in ${region}`, () => window.keyless.openConsole(row.id, region), `Opened the console in ${region}.`)),
    button('Copy credentials', () => window.keyless.copyCredentials(row.id), `Copied credentials for ${row.roleName} in ${row.accountName}.`),
    button('Copy console URL', () => window.keyless.copyConsoleUrl(row.id), 'Copied the console URL.'),
    button(row.favourite ? 'Unpin' : 'Pin to Favourites', () => window.keyless.togglePin(row.id), row.favourite ? 'Unpinned.' : 'Pinned to Favourites.'),
  );
  actionsPanel.hidden = false;
  ((inRegion && regions.length > 0 ? actionsPanel.children[1] : actionsPanel.firstElementChild) as HTMLElement | null)?.focus();
}

/** Fetches the rows again (after a pin, a new credential) keeping the query and selection. */
async function reload(): Promise<void> {
  const rows = await window.keyless.searchRows();
  matcher = new RowMatcher(rows);
  total = rows.length;
  const selected = list.selectedIndex;
  update();
  list.select(selected);
}

query.addEventListener('input', update);
document.addEventListener('keydown', (event) => {
  const row = list.selected;
  const command = event.ctrlKey || event.metaKey;
  if (event.key === 'Escape') {
    if (!actionsPanel.hidden) {
      actionsPanel.hidden = true;
      query.focus();
    } else {
      query.value = '';
      update();
    }
    return;
  }
  if (event.target !== query) return;
  const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: PAGE, PageUp: -PAGE };
  if (event.key in moves) {
    event.preventDefault();
    list.select(list.selectedIndex + moves[event.key]!);
    query.setAttribute('aria-activedescendant', `row-${list.selectedIndex}`);
  } else if (event.key === 'Enter' && event.shiftKey && row) {
    event.preventDefault();
    showActions(row, true);
  } else if (event.key === 'Enter' && row) {
    event.preventDefault();
    void run(() => window.keyless.openConsole(row.id), `Opened the console as ${row.roleName} in ${row.accountName}.`).then(reload);
  } else if (command && event.key.toLowerCase() === 'c' && row && query.selectionStart === query.selectionEnd) {
    // Copy with nothing selected in the box means "copy this role's credentials".
    event.preventDefault();
    void run(() => window.keyless.copyCredentials(row.id), `Copied credentials for ${row.roleName} in ${row.accountName}.`).then(reload);
  } else if (event.key === 'ArrowRight' && row && query.selectionStart === query.value.length) {
    event.preventDefault();
    showActions(row);
  }
});

// Countdowns move by the minute.
setInterval(() => list.refresh(), 60_000);

void Promise.all([window.keyless.searchRows(), window.keyless.consoleRegions()]).then(([rows, available]) => {
  regions = available;
  matcher = new RowMatcher(rows);
  total = rows.length;
  update();
  query.focus();
  // One throwaway match while idle, so the first real keystroke does not pay for the engine's warm-up.
  requestIdleCallback(() => matcher.match('a'));
});
