import type { ChainedRoleForm, ChainedRoleSummary, ChainSourceChoice } from '../../shared/ipc-types.js';
import { failureSentence, keyless } from '../common/keyless.js';
import { actionButton } from '../common/session-list.js';

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const list = element<HTMLUListElement>('chained-roles');
const none = element('no-chained-roles');
const listProblem = element('chained-roles-problem');
const form = element<HTMLFormElement>('add-chained-role');
const sourceSelect = element<HTMLSelectElement>('chained-source');
const duration = element<HTMLInputElement>('chained-duration');
const result = element('add-chained-role-result');
const formProblem = element('add-chained-role-problem');
const typed = ['chained-name', 'chained-role-arn', 'chained-external-id', 'chained-session-name', 'chained-duration'].map((id) =>
  element<HTMLInputElement>(id),
);

/** The roles the form offers to start from, by their option's value. */
let sources: ChainSourceChoice[] = [];

function row(role: ChainedRoleSummary): HTMLLIElement {
  const item = document.createElement('li');
  item.dataset.role = role.name;
  const what = document.createElement('span');
  what.className = 'what';
  const detail = (text: string) => Object.assign(document.createElement('span'), { className: 'detail', textContent: text });
  what.append(
    Object.assign(document.createElement('span'), { className: 'name', textContent: role.name }),
    detail(`from ${role.source}`),
    detail(role.roleArn),
    detail(role.duration),
  );
  const remove = actionButton(
    'Remove',
    () => keyless.removeChainedRole(role.name),
    () => refresh(role.name),
    (sentence) => (listProblem.textContent = sentence),
    `Remove the chained role ${role.name}`,
  );
  item.append(what, remove);
  return item;
}

/** The options of the "Start from" list, grouped by organisation, then the chained roles; the choice made stays chosen. */
function showSources(choices: ChainSourceChoice[]): void {
  const chosen = sources[Number(sourceSelect.value)];
  sources = choices;
  const groups = new Map<string, HTMLOptGroupElement>();
  choices.forEach((choice, index) => {
    let group = groups.get(choice.group);
    if (!group) groups.set(choice.group, (group = Object.assign(document.createElement('optgroup'), { label: choice.group })));
    group.append(Object.assign(document.createElement('option'), { value: String(index), textContent: choice.label }));
  });
  sourceSelect.replaceChildren(...groups.values());
  const again = chosen ? choices.findIndex((choice) => JSON.stringify(choice.source) === JSON.stringify(chosen.source)) : -1;
  if (again >= 0) sourceSelect.value = String(again);
}

/** Reads the roles again (the CLI may have changed them); after a removal, the focus goes to the next row's Remove, or the form. */
export async function refresh(removed?: string): Promise<void> {
  try {
    const view = await keyless.chainedRoles();
    const position = removed === undefined ? -1 : [...list.children].findIndex((item) => (item as HTMLElement).dataset.role === removed);
    list.replaceChildren(...view.roles.map(row));
    none.hidden = view.roles.length > 0;
    showSources(view.sources);
    listProblem.textContent =
      view.unreadable > 0
        ? `${view.unreadable} hand-edited ${view.unreadable === 1 ? 'entry' : 'entries'} under "chainedRoles" in config.json cannot be read; Keyless keeps and ignores them.`
        : '';
    if (position >= 0) (list.children[Math.min(position, list.children.length - 1)]?.querySelector('button') ?? typed[0]!).focus();
  } catch (error) {
    listProblem.textContent = failureSentence(error);
  }
}

/** What the form holds, as `keyless roles add` would take it: empty optional fields left out, the rest as typed for the core to check. */
function formValue(): ChainedRoleForm {
  const text = (id: string) => element<HTMLInputElement | HTMLSelectElement>(id).value;
  const optional = (key: 'externalId' | 'sessionName' | 'region', id: string) => (text(id) === '' ? {} : { [key]: text(id) });
  // Text that is not a number goes as NaN, so the core's sentence about durations shows rather than the default applying.
  const seconds = duration.validity.badInput ? Number.NaN : duration.value === '' ? undefined : Number(duration.value);
  const source = sources[Number(sourceSelect.value)]?.source ?? { kind: 'chained' as const, name: '' };
  return {
    name: text('chained-name'),
    source,
    roleArn: text('chained-role-arn'),
    ...optional('externalId', 'chained-external-id'),
    ...optional('sessionName', 'chained-session-name'),
    ...optional('region', 'chained-region'),
    ...(seconds === undefined ? {} : { durationSeconds: seconds }),
  };
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  result.textContent = '';
  formProblem.textContent = '';
  keyless
    .addChainedRole(formValue())
    .then(async (role) => {
      result.textContent = `Added "${role.name}": ${role.duration}.`;
      // The source stays chosen, for the next hop or role from it.
      for (const input of [...typed, element<HTMLSelectElement>('chained-region')]) input.value = '';
      await refresh();
    })
    .catch((error: unknown) => (formProblem.textContent = failureSentence(error)));
});

/** Fills the region list and shows the roles. */
export async function showChainedRoles(regions: readonly { code: string; name: string }[]): Promise<void> {
  element<HTMLSelectElement>('chained-region').replaceChildren(
    Object.assign(document.createElement('option'), { value: '', textContent: 'The organisation’s own region' }),
    ...regions.map(({ code, name }) => Object.assign(document.createElement('option'), { value: code, textContent: `${code}: ${name}` })),
  );
  await refresh();
}
