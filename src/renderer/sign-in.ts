import type { SessionInput, SessionSummary } from '../shared/ipc-api.js';
import { actionButton, sentence, sessionItems, showSessionItems } from './session-list.js';

const FIELDS = ['name', 'startUrl', 'region'] as const;
const form = document.getElementById('add') as HTMLFormElement;
const sessionList = document.getElementById('sessions') as HTMLUListElement;
const noSessions = document.getElementById('no-sessions') as HTMLElement;
const progress = document.getElementById('progress') as HTMLElement;
const addProblem = document.getElementById('add-problem') as HTMLElement;
const touched = new Set<string>();
const button = (label: string, action: () => Promise<void>) => actionButton(label, action, refresh, (problem) => (addProblem.textContent = problem));

function input(): SessionInput {
  const value = (field: string) => (document.getElementById(field) as HTMLInputElement).value;
  return { name: value('name'), startUrl: value('startUrl'), region: value('region') };
}

/** Shows each field's problem beside it, for the fields the person has left (or all, on submit). */
async function check(all: boolean): Promise<boolean> {
  const problems = await window.keyless.checkSession(input());
  for (const field of FIELDS) {
    const shown = all || touched.has(field) ? (problems[field] ?? '') : '';
    (document.getElementById(`${field}-problem`) as HTMLElement).textContent = shown;
    (document.getElementById(field) as HTMLInputElement).setAttribute('aria-invalid', String(shown !== ''));
  }
  return Object.keys(problems).length === 0;
}

/** The step under way: the browser page to finish in, or the code to enter on another device. */
function showProgress(session: SessionSummary | undefined): void {
  if (!session?.step) {
    progress.hidden = true;
    progress.replaceChildren();
    return;
  }
  const title = document.createElement('h2');
  const children: HTMLElement[] = [title];
  if (session.step.kind === 'browser') {
    title.textContent = `Continue in your browser to sign in to ${session.name}`;
    children.push(button('Open the page again', () => window.keyless.openSignInPage(session.name)));
  } else {
    title.textContent = `Sign in to ${session.name} on any device`;
    const where = document.createElement('p');
    where.textContent = `Open ${session.step.verificationUri} and enter this code:`;
    const code = document.createElement('p');
    code.className = 'user-code';
    code.id = 'user-code';
    code.textContent = session.step.userCode;
    children.push(where, code, button('Copy code', () => window.keyless.copyUserCode(session.name)), button('Open the page', () => window.keyless.openSignInPage(session.name)));
  }
  children.push(button('Cancel', () => window.keyless.cancelSignIn(session.name)));
  progress.replaceChildren(...children);
  progress.hidden = false;
}

/** Redraws the sessions and any sign-in under way; polls faster while one is. */
async function refresh(): Promise<void> {
  const sessions = await window.keyless.sessions();
  noSessions.hidden = sessions.length > 0;
  showSessionItems(sessionList, sessionItems(sessions, { done: refresh, fail: (problem) => (addProblem.textContent = problem) }));
  showProgress(sessions.find((session) => session.step));
  clearTimeout(timer);
  timer = setTimeout(() => void refresh(), sessions.some((session) => session.status === 'signing-in') ? 500 : 30_000);
}
let timer: ReturnType<typeof setTimeout> | undefined;

for (const field of FIELDS) {
  const element = document.getElementById(field) as HTMLInputElement;
  element.addEventListener('blur', () => {
    touched.add(field);
    void check(false);
  });
  element.addEventListener('input', () => void check(false));
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  addProblem.textContent = '';
  void check(true).then(async (good) => {
    if (!good) return;
    const flow = (form.elements.namedItem('flow') as RadioNodeList).value as 'browser' | 'device';
    try {
      const values = input();
      await window.keyless.addSession(values);
      await window.keyless.signIn(values.name.trim(), flow);
      form.reset();
      touched.clear();
      await refresh();
    } catch (error) {
      addProblem.textContent = sentence(error);
    }
  });
});

void window.keyless.regions().then((regions) => {
  (document.getElementById('regions') as HTMLDataListElement).replaceChildren(
    ...regions.map(({ code, name }) => {
      const option = document.createElement('option');
      option.value = code;
      option.label = name;
      return option;
    }),
  );
});
void refresh();
