import type { AwsConfigPreview, SessionSummary } from '../../shared/ipc-types.js';
import type { PreferenceKey, Preferences } from '../../shared/preferences.js';
import { failureSentence, keyless } from '../common/keyless.js';
import { pollSessions } from '../common/session-list.js';
import { refresh as refreshChainedRoles, showChainedRoles } from './chained-roles.js';
import { showClientSecretSessions } from './client-secret.js';

type Control = HTMLInputElement | HTMLSelectElement;

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const controls = [...document.querySelectorAll<Control>('[data-preference]')];
const sessionsProblem = element('sessions-problem');
const previewBox = element('aws-config-preview');
const writeButton = element<HTMLButtonElement>('write-aws-config');
const awsConfigResult = element('aws-config-result');
const awsConfigProblem = element('aws-config-problem');

const keyOf = (control: Control) => control.dataset.preference as PreferenceKey;

function option(value: string, label: string): HTMLOptionElement {
  const item = document.createElement('option');
  item.value = value;
  item.textContent = label;
  return item;
}

/** Shows a preference in its control, in the form the control holds it. */
function show<K extends PreferenceKey>(key: K, value: Preferences[K]): void {
  const control = controls.find((candidate) => keyOf(candidate) === key)!;
  if (control instanceof HTMLInputElement && control.type === 'checkbox') {
    control.checked = value === true;
    return;
  }
  const text = value === null ? (key === 'clipboardClearMs' ? 'never' : '') : Array.isArray(value) ? value.join(', ') : String(value);
  // A hand-edited delay that is not in the list still shows as itself.
  if (key === 'clipboardClearMs' && control instanceof HTMLSelectElement && ![...control.options].some((item) => item.value === text))
    control.append(option(text, `${Number(text) / 1000} seconds`));
  control.value = text;
  control.dataset.kept = text;
}

/** What a control holds, as the preference wants it; text goes as typed, for the core to check. */
function valueOf(control: Control): unknown {
  if (control instanceof HTMLInputElement && control.type === 'checkbox') return control.checked;
  const key = keyOf(control);
  if (key === 'clipboardClearMs') return control.value === 'never' ? null : Number(control.value);
  if (key === 'defaultRegion') return control.value === '' ? null : control.value;
  return control.value;
}

function problemFor(control: Control, text: string): void {
  element(`${control.id}-problem`).textContent = text;
  control.setAttribute('aria-invalid', String(text !== ''));
}

/** Keeps a change at once; the core's sentence shows beside the control when it is not acceptable, and the kept value (normalised) when it is. */
async function save(control: Control): Promise<void> {
  const key = keyOf(control);
  try {
    show(key, await keyless.setPreference(key, valueOf(control)));
    problemFor(control, '');
  } catch (error) {
    problemFor(control, failureSentence(error));
    // A switch or a list shows what is in effect again; typed text stays, for the person to correct.
    if (control instanceof HTMLSelectElement || control.type === 'checkbox') show(key, (await keyless.settings()).preferences[key]);
  }
}

/** The "AWS CLI" switch beside an Identity Center session: shares its sign-in through ~/.aws/sso/cache, or stops. Other kinds have no such cache. */
function shareBox(session: SessionSummary, done: () => Promise<void>): HTMLElement[] {
  if (session.kind !== 'identity-center') return [];
  const label = document.createElement('label');
  label.className = 'share';
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.checked = session.sharedWithAwsCli;
  box.setAttribute('aria-label', `Share the sign-in of ${session.name} with the AWS CLI`);
  box.addEventListener('change', () => {
    keyless.shareSignIn(session.name, box.checked).then(done, (error: unknown) => {
      sessionsProblem.textContent = failureSentence(error);
      box.checked = !box.checked;
    });
  });
  label.append(box, 'AWS CLI');
  return [label];
}

const sessions = pollSessions(
  { list: element<HTMLUListElement>('sessions'), empty: element('no-sessions'), problem: sessionsProblem },
  { extra: shareBox, drawn: showClientSecretSessions },
);

function nameList(title: string, names: readonly string[]): HTMLElement[] {
  if (names.length === 0) return [];
  const heading = document.createElement('p');
  heading.textContent = title;
  const list = document.createElement('ul');
  const shown = names.slice(0, 8);
  list.append(...shown.map((name) => Object.assign(document.createElement('li'), { textContent: name })));
  if (names.length > shown.length) list.append(Object.assign(document.createElement('li'), { textContent: `and ${names.length - shown.length} more` }));
  return [heading, list];
}

const sections = (count: number) => `${count} ${count === 1 ? 'section' : 'sections'}`;

/** The preview in one sentence, naming only what happens: "Writing to … adds 3 sections and removes 1; 2 stay as they are." */
function changeSentence(preview: AwsConfigPreview): string {
  const parts = (
    [
      ['adds', preview.added.length],
      ['changes', preview.changed.length],
      ['removes', preview.removed.length],
    ] as const
  ).filter(([, count]) => count > 0);
  if (parts.length === 0 && preview.unchanged === 0)
    return `Nothing to write to ${preview.path} yet: profiles appear here once an organisation's accounts are listed.`;
  if (parts.length === 0) return `${preview.path} is up to date (${sections(preview.unchanged)}).`;
  const said = parts.map(([verb, count], index) => `${verb} ${index === 0 ? sections(count) : count}`);
  const changes = said.length === 1 ? said[0] : `${said.slice(0, -1).join(', ')} and ${said.at(-1)}`;
  const kept =
    preview.unchanged > 0 ? `; ${preview.unchanged} ${preview.unchanged === 1 ? 'stays' : 'stay'} as ${preview.unchanged === 1 ? 'it is' : 'they are'}` : '';
  return `Writing to ${preview.path} ${changes}${kept}.`;
}

/** What writing the profiles would change, before anything is written. */
function showPreview(preview: AwsConfigPreview): void {
  const summary = document.createElement('p');
  summary.id = 'aws-config-summary';
  const changes = preview.added.length + preview.changed.length + preview.removed.length;
  summary.textContent = changeSentence(preview);
  const skipped = preview.skipped.length
    ? [
        Object.assign(document.createElement('p'), {
          className: 'note',
          textContent: `Not listed yet, so their profiles stay as they are: ${preview.skipped.join(', ')}.`,
        }),
      ]
    : [];
  previewBox.replaceChildren(
    summary,
    ...nameList('Added:', preview.added),
    ...nameList('Changed:', preview.changed),
    ...nameList('Removed:', preview.removed),
    ...skipped,
  );
  writeButton.disabled = changes === 0;
}

async function refreshPreview(): Promise<void> {
  awsConfigProblem.textContent = '';
  try {
    showPreview(await keyless.awsConfigPreview());
  } catch (error) {
    previewBox.replaceChildren();
    writeButton.disabled = true;
    awsConfigProblem.textContent = failureSentence(error);
  }
}

writeButton.addEventListener('click', () => {
  awsConfigResult.textContent = '';
  awsConfigProblem.textContent = '';
  // Disabled until the write and the new preview are done, so a double click writes once.
  writeButton.disabled = true;
  keyless
    .writeAwsConfig()
    .then((result) => {
      awsConfigResult.textContent = result;
      return refreshPreview();
    })
    .catch((error: unknown) => {
      awsConfigProblem.textContent = failureSentence(error);
      writeButton.disabled = false;
    });
});
element('check-aws-config').addEventListener('click', () => void refreshPreview());
element('add-session').addEventListener('click', () => void keyless.openSignInWindow());
for (const control of controls) control.addEventListener('change', () => void save(control));
// Text typed and the window closed before leaving the field still counts: the request reaches the main process as the page goes.
window.addEventListener('pagehide', () => {
  const typing = controls.find((control) => control === document.activeElement);
  if (typing instanceof HTMLInputElement && typing.type !== 'checkbox' && typing.value !== typing.dataset.kept) void save(typing);
});

/** Shows the preferences as kept now (the tray or the CLI may have changed some), leaving alone a field being typed in or one showing a problem. */
async function showCurrent(): Promise<void> {
  const { preferences } = await keyless.settings();
  for (const control of controls) {
    if (control !== document.activeElement && control.getAttribute('aria-invalid') !== 'true') show(keyOf(control), preferences[keyOf(control)]);
  }
}

async function start(): Promise<void> {
  const [view, regions] = await Promise.all([keyless.settings(), keyless.regions()]);
  element<HTMLSelectElement>('defaultRegion').replaceChildren(
    option('', 'The organisation’s own region'),
    ...regions.map(({ code, name }) => option(code, `${code}: ${name}`)),
  );
  element<HTMLSelectElement>('consoleDestination').replaceChildren(...view.destinations.map((name) => option(name, name === 'home' ? 'Console home' : name)));
  element<HTMLSelectElement>('copyFormat').replaceChildren(...view.formats.map(({ name, description }) => option(name, `${name}: ${description}`)));
  for (const control of controls) show(keyOf(control), view.preferences[keyOf(control)]);
  await showChainedRoles(regions);
  document.body.dataset.ready = 'true';
}

// Coming back to the window shows what the tray (Start at login) or the CLI changed meanwhile.
window.addEventListener('focus', () => {
  showCurrent().catch((error: unknown) => (sessionsProblem.textContent = failureSentence(error)));
  void sessions.refresh();
  void refreshPreview();
  void refreshChainedRoles();
});
start().catch((error: unknown) => (sessionsProblem.textContent = failureSentence(error)));
void sessions.refresh();
void refreshPreview();
