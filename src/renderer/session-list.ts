import { formatCountdown } from '../shared/countdown.js';
import type { SessionSummary } from '../shared/ipc-api.js';

/** IPC errors arrive wrapped ("Error invoking remote method …: Error: sentence"); show only the sentence. */
export function sentence(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/^Error invoking remote method '[^']+': (Error: )?/, '');
}

/** A button that runs an action, then redraws, or shows the action's one sentence. */
export function actionButton(label: string, action: () => Promise<void>, done: () => Promise<void>, fail: (sentence: string) => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.addEventListener('click', () => {
    action().then(done, (error: unknown) => fail(sentence(error)));
  });
  return element;
}

/** A session's state in a few words, with the sign-in's time left. */
export function statusText(session: SessionSummary): string {
  if (session.status === 'signed-in' && session.signInExpiresAt) return `signed in, expires in ${formatCountdown(session.signInExpiresAt - Date.now())}`;
  return { 'signed-out': 'signed out', 'signing-in': 'signing in…', 'signed-in': 'signed in', refreshing: 'signed in', expired: 'sign-in ended', error: 'cannot reach AWS' }[session.status];
}

/** Puts the rows in the list, keeping the keyboard focus on the same control of the same session across the redraw. */
export function showSessionItems(list: HTMLUListElement, items: readonly HTMLLIElement[]): void {
  const focused = document.activeElement instanceof HTMLElement && list.contains(document.activeElement) ? document.activeElement : undefined;
  const session = focused?.closest<HTMLElement>('li[data-session]')?.dataset.session;
  const name = (element: Element) => element.getAttribute('aria-label') ?? element.textContent;
  const focusedName = focused ? name(focused) : undefined;
  list.replaceChildren(...items);
  if (session === undefined) return;
  const row = items.find((item) => item.dataset.session === session);
  const again = [...(row?.querySelectorAll<HTMLElement>('button, input') ?? [])].find((control) => name(control) === focusedName) ?? row?.querySelector<HTMLElement>('button');
  again?.focus();
}

/** One row per session: name and region, status with time left, Sign in or Sign out, Remove, any extra controls, and the last problem. */
export function sessionItems(sessions: readonly SessionSummary[], options: { done: () => Promise<void>; fail: (sentence: string) => void; extra?: (session: SessionSummary) => HTMLElement[] }): HTMLLIElement[] {
  const button = (label: string, action: () => Promise<void>) => actionButton(label, action, options.done, options.fail);
  return sessions.map((session) => {
    const item = document.createElement('li');
    item.dataset.session = session.name;
    const what = document.createElement('span');
    what.className = 'what';
    what.textContent = `${session.name} (${session.region})`;
    const status = document.createElement('span');
    status.className = 'status';
    status.textContent = statusText(session);
    item.append(what, status, ...(options.extra?.(session) ?? []));
    const signedOut = session.status === 'signed-out' || session.status === 'expired';
    item.append(
      signedOut ? button('Sign in', () => window.keyless.signIn(session.name, 'browser')) : button('Sign out', () => window.keyless.signOut(session.name)),
      button('Remove', () => window.keyless.removeSession(session.name)),
    );
    if (session.problem) {
      const problem = document.createElement('p');
      problem.className = 'problem';
      problem.textContent = session.problem;
      item.append(problem);
    }
    return item;
  });
}
