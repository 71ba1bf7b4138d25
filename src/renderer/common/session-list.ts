import { formatCountdown } from '../../shared/countdown.js';
import type { SessionSummary } from '../../shared/ipc-types.js';
import { failureSentence, keyless } from './keyless.js';
import { SESSION_KIND_LABELS } from './session-kind.js';

/** Sessions whose Remove was pressed once: their row asks to confirm, across redraws, until Keep or Remove. */
const confirmingRemoval = new Set<string>();

/**
 * A button that runs an action, then redraws, or shows the action's one sentence. While the action runs it is aria-disabled
 * and ignores clicks, so a double click acts once; not `disabled`, since Chromium then takes the keyboard focus off it, and
 * the redraw could no longer put the focus back on the same control (or on Keep) in the new row.
 */
export function actionButton(
  label: string,
  action: () => Promise<void>,
  done: () => Promise<void>,
  fail: (sentence: string) => void,
  accessibleName?: string,
): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  if (accessibleName) element.setAttribute('aria-label', accessibleName);
  element.addEventListener('click', () => {
    if (element.getAttribute('aria-disabled') === 'true') return;
    element.setAttribute('aria-disabled', 'true');
    action()
      .then(done)
      .catch((error: unknown) => fail(failureSentence(error)))
      .finally(() => element.removeAttribute('aria-disabled'));
  });
  return element;
}

/** A session's state in a few words, with the sign-in's time left. */
export function statusText(session: SessionSummary, now = Date.now()): string {
  if (session.status === 'signed-in' && session.signInExpiresAt) {
    return session.signInExpiresAt > now ? `signed in, expires in ${formatCountdown(session.signInExpiresAt - now)}` : 'sign-in ended';
  }
  return {
    'signed-out': 'signed out',
    'signing-in': 'signing in…',
    'signed-in': 'signed in',
    refreshing: 'signed in',
    expired: 'sign-in ended',
    error: 'needs attention',
  }[session.status];
}

/** Puts the rows in the list, keeping the keyboard focus on the same control of the same session across the redraw (or on the next row's, when that row went). */
export function showSessionItems(list: HTMLUListElement, items: readonly HTMLLIElement[]): void {
  const focused = document.activeElement instanceof HTMLElement && list.contains(document.activeElement) ? document.activeElement : undefined;
  const session = focused?.closest<HTMLElement>('li[data-session]')?.dataset.session;
  const position = focused ? [...list.children].findIndex((item) => item.contains(focused)) : -1;
  const name = (element: Element) => element.getAttribute('aria-label') ?? element.textContent;
  const focusedName = focused ? name(focused) : undefined;
  list.replaceChildren(...items);
  if (session === undefined) return;
  const row = items.find((item) => item.dataset.session === session) ?? items[Math.min(position, items.length - 1)];
  const again =
    [...(row?.querySelectorAll<HTMLElement>('button, input') ?? [])].find((control) => name(control) === focusedName) ??
    row?.querySelector<HTMLElement>('button');
  // No row left: the list's own heading or button nearby takes the focus, never the page.
  (again ?? list.parentElement?.querySelector<HTMLElement>('button:not([disabled])'))?.focus();
}

/** The controls that act on one session: Sign in, Cancel or Sign out, and Remove, which asks to confirm first. */
function sessionControls(
  session: SessionSummary,
  button: (label: string, action: () => Promise<void>, accessibleName: string) => HTMLButtonElement,
): HTMLElement[] {
  const name = session.name;
  if (confirmingRemoval.has(name)) {
    const ask = document.createElement('span');
    ask.className = 'confirm';
    ask.textContent = `Remove ${name}? Keyless signs out of it and forgets its accounts and favourites.`;
    const keep = button('Keep', async () => void confirmingRemoval.delete(name), `Keep ${name}`);
    const remove = button(
      'Remove',
      async () => {
        await keyless.removeSession(name);
        confirmingRemoval.delete(name);
      },
      `Yes, remove ${name}`,
    );
    return [ask, keep, remove];
  }
  const signedOut = session.status === 'signed-out' || session.status === 'expired';
  const main =
    session.status === 'signing-in'
      ? button('Cancel', () => keyless.cancelSignIn(name), `Cancel signing in to ${name}`)
      : signedOut
        ? button('Sign in', () => keyless.signIn(name, 'browser'), `Sign in to ${name}`)
        : button('Sign out', () => keyless.signOut(name), `Sign out of ${name}`);
  return [main, button('Remove', async () => void confirmingRemoval.add(name), `Remove ${name}`)];
}

/** One row per session: name and region, its kind, status with time left, Sign in, Cancel or Sign out, Remove, any extra controls, and the last problem. */
export function sessionItems(
  sessions: readonly SessionSummary[],
  options: { done: () => Promise<void>; fail: (sentence: string) => void; extra?: (session: SessionSummary) => HTMLElement[] },
): HTMLLIElement[] {
  const button = (label: string, action: () => Promise<void>, accessibleName: string) =>
    actionButton(label, action, options.done, options.fail, accessibleName);
  return sessions.map((session) => {
    const item = document.createElement('li');
    item.dataset.session = session.name;
    const what = document.createElement('span');
    what.className = 'what';
    what.textContent = session.region === null ? session.name : `${session.name} (${session.region})`;
    const kind = document.createElement('span');
    kind.className = 'kind';
    kind.textContent = SESSION_KIND_LABELS[session.kind];
    const status = document.createElement('span');
    status.className = 'status';
    status.textContent = statusText(session);
    item.append(what, kind, status, ...(options.extra?.(session) ?? []), ...sessionControls(session, button));
    if (session.problem) {
      const problem = document.createElement('p');
      problem.className = 'problem';
      problem.textContent = session.problem;
      item.append(problem);
    }
    return item;
  });
}

/** Where a window draws its sessions: the list, the line shown when there are none, and the line for the last problem. */
export interface SessionsView {
  list: HTMLUListElement;
  empty: HTMLElement;
  problem: HTMLElement;
}

/**
 * Keeps a window's sessions drawn: now, then every 30 s, or twice a second while a sign-in is under way. A failed poll is said
 * and keeps the last pace; an action that worked clears the last problem. `drawn` sees each listing (the sign-in step, say).
 */
export function pollSessions(
  view: SessionsView,
  options: { extra?: (session: SessionSummary, done: () => Promise<void>) => HTMLElement[]; drawn?: (sessions: readonly SessionSummary[]) => void } = {},
): { refresh: () => Promise<void>; done: () => Promise<void>; fail: (problem: string) => void } {
  let signingIn = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fail = (problem: string) => void (view.problem.textContent = problem);
  const done = async () => {
    view.problem.textContent = '';
    await refresh();
  };
  const extra = options.extra && ((session: SessionSummary) => options.extra!(session, done));
  async function refresh(): Promise<void> {
    try {
      const sessions = await keyless.sessions();
      signingIn = sessions.some((session) => session.status === 'signing-in');
      view.empty.hidden = sessions.length > 0;
      showSessionItems(view.list, sessionItems(sessions, { done, fail, ...(extra ? { extra } : {}) }));
      options.drawn?.(sessions);
    } catch (error) {
      fail(failureSentence(error));
    } finally {
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), signingIn ? 500 : 30_000);
    }
  }
  return { refresh, done, fail };
}
