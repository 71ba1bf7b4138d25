import type { SessionInput, SessionSummary } from '../../shared/ipc-types.js';
import { failureSentence, keyless } from '../common/keyless.js';
import { actionButton, pollSessions } from '../common/session-list.js';
import { importOffer } from './import-offer.js';
import { addOtherKind, chooseKind, chosenKind, showKindFields } from './kind-forms.js';

const FIELDS = ['name', 'startUrl', 'region'] as const;
const form = document.getElementById('add') as HTMLFormElement;
const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
const progress = document.getElementById('progress') as HTMLElement;
const addProblem = document.getElementById('add-problem') as HTMLElement;
const touched = new Set<string>();
const sessions = pollSessions(
  {
    list: document.getElementById('sessions') as HTMLUListElement,
    empty: document.getElementById('no-sessions') as HTMLElement,
    problem: document.getElementById('sessions-problem') as HTMLElement,
  },
  { drawn: (listed) => showProgress(listed.find((session) => session.step)) },
);
const button = (label: string, action: () => Promise<void>) => actionButton(label, action, sessions.done, sessions.fail);

function input(): SessionInput {
  const value = (field: string) => (document.getElementById(field) as HTMLInputElement).value;
  return { name: value('name'), startUrl: value('startUrl'), region: value('region') };
}

/** Shows each field's problem beside it, for the fields the person has left (or all, on submit); a failed check is said under the form. */
async function check(all: boolean): Promise<boolean> {
  let problems;
  try {
    problems = await keyless.checkSession(input());
  } catch (error) {
    addProblem.textContent = failureSentence(error);
    return false;
  }
  // An answer landing after the person chose another kind is not shown beside that kind's fields.
  if (chosenKind() !== 'identity-center') return false;
  showFieldProblems((field) => (all || touched.has(field) ? (problems[field] ?? '') : ''));
  return Object.keys(problems).length === 0;
}

/** Shows each Identity Center field's sentence beside it ('' for none). */
function showFieldProblems(problem: (field: (typeof FIELDS)[number]) => string): void {
  for (const field of FIELDS) {
    const shown = problem(field);
    (document.getElementById(`${field}-problem`) as HTMLElement).textContent = shown;
    (document.getElementById(field) as HTMLInputElement).setAttribute('aria-invalid', String(shown !== ''));
  }
}

/** What identifies the step on screen: the box is rebuilt only when this changes, so its buttons keep the focus while polling. */
let shownStep = '';

/** The step under way: the browser page to finish in, or the code to enter on another device. */
function showProgress(session: SessionSummary | undefined): void {
  const step = session?.step ? JSON.stringify([session.name, session.step]) : '';
  if (step === shownStep) return;
  shownStep = step;
  if (!session?.step) {
    progress.hidden = true;
    progress.replaceChildren();
    return;
  }
  const title = document.createElement('h2');
  const children: HTMLElement[] = [title];
  if (session.step.kind === 'browser') {
    title.textContent = `Continue in your browser to sign in to ${session.name}`;
    children.push(
      button('Open the page again', () => keyless.openSignInPage(session.name)),
      button('Cancel', () => keyless.cancelSignIn(session.name)),
    );
  } else {
    title.textContent = `Sign in to ${session.name} on any device`;
    const where = document.createElement('p');
    where.textContent = `Open ${session.step.verificationUri} and enter this code:`;
    const code = document.createElement('p');
    code.className = 'user-code';
    code.id = 'user-code';
    code.textContent = session.step.userCode;
    const copied = document.createElement('span');
    copied.id = 'copied';
    copied.className = 'copied';
    copied.setAttribute('role', 'status');
    const copy = actionButton(
      'Copy code',
      () => keyless.copyUserCode(session.name),
      async () => void (copied.textContent = 'Copied.'),
      sessions.fail,
    );
    children.push(
      where,
      code,
      copy,
      button('Open the page', () => keyless.openSignInPage(session.name)),
      button('Cancel', () => keyless.cancelSignIn(session.name)),
      copied,
    );
  }
  progress.replaceChildren(...children);
  progress.hidden = false;
}

// Identity Center's fields are checked as they are typed; the other kinds' when added, with the CLI's sentences.
for (const field of FIELDS) {
  const element = document.getElementById(field) as HTMLInputElement;
  element.addEventListener('blur', () => {
    touched.add(field);
    if (chosenKind() === 'identity-center') void check(false);
  });
  element.addEventListener('input', () => {
    if (chosenKind() === 'identity-center') void check(false);
  });
}
for (const radio of form.querySelectorAll<HTMLInputElement>('input[name="kind"]')) {
  radio.addEventListener('change', () => {
    addProblem.textContent = '';
    const kind = chosenKind();
    showKindFields(kind);
    // The live checks are Identity Center's: another kind's problems are said when it is added.
    if (kind === 'identity-center') void check(false);
    else showFieldProblems(() => '');
  });
}

/** Adds an Identity Center session once its fields are right, and starts its sign-in in the flow chosen. */
async function addIdentityCenter(): Promise<boolean> {
  if (!(await check(true))) return false;
  const flow = (form.elements.namedItem('flow') as RadioNodeList).value as 'browser' | 'device';
  const values = input();
  await keyless.addSession(values);
  await keyless.signIn(values.name.trim(), flow);
  return true;
}

/** Adds the session and starts its sign-in; the button is disabled meanwhile, so Enter twice adds it once. */
async function addAndSignIn(): Promise<void> {
  const kind = chosenKind();
  if (kind === 'identity-center') {
    if (!(await addIdentityCenter())) return;
  } else {
    await addOtherKind(kind);
  }
  form.reset();
  // The next session is likely of the same kind.
  chooseKind(kind);
  touched.clear();
  // A session added by hand may be one the offer listed.
  await Promise.all([sessions.refresh(), offer.refresh()]);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (submit.disabled) return;
  addProblem.textContent = '';
  submit.disabled = true;
  addAndSignIn()
    .catch((error: unknown) => (addProblem.textContent = failureSentence(error)))
    .finally(() => (submit.disabled = false));
});

keyless.regions().then(
  (regions) => {
    (document.getElementById('regions') as HTMLDataListElement).replaceChildren(
      ...regions.map(({ code, name }) => {
        const option = document.createElement('option');
        option.value = code;
        option.label = name;
        return option;
      }),
    );
  },
  (error: unknown) => (addProblem.textContent = failureSentence(error)),
);
const offer = importOffer(sessions.refresh);
void sessions.refresh();
void offer.refresh();
