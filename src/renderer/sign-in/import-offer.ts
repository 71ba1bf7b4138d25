import type { ImportableSessions } from '../../shared/ipc-types.js';
import { failureSentence, keyless } from '../common/keyless.js';

const plural = (count: number) => `${count} ${count === 1 ? 'session' : 'sessions'}`;

/** The offer to import the AWS CLI's sign-ins, shown while ~/.aws/config has any that are not sessions yet. */
export function importOffer(afterImport: () => Promise<void>): { refresh: () => Promise<void> } {
  const section = document.getElementById('import') as HTMLElement;
  const title = document.getElementById('import-title') as HTMLElement;
  const list = document.getElementById('import-list') as HTMLUListElement;
  const button = document.getElementById('import-button') as HTMLButtonElement;
  const status = document.getElementById('import-status') as HTMLElement;
  const problem = document.getElementById('import-problem') as HTMLElement;
  const chosen = () => [...list.querySelectorAll<HTMLInputElement>('input:checked')].map((box) => box.value);

  function draw(found: ImportableSessions): void {
    title.textContent = `Import ${plural(found.sessions.length)} from ${found.path}`;
    list.replaceChildren(
      ...found.sessions.map((session) => {
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.checked = true;
        box.value = session.name;
        box.addEventListener('change', () => (button.disabled = chosen().length === 0));
        const label = document.createElement('label');
        label.append(box, ` ${session.name}: ${session.startUrl} (${session.region})`);
        const item = document.createElement('li');
        item.append(label);
        return item;
      }),
    );
    button.hidden = false;
    button.disabled = false;
    section.hidden = found.sessions.length === 0;
  }

  async function refresh(): Promise<void> {
    try {
      draw(await keyless.importableSessions());
    } catch (error) {
      // The file is there but cannot be read: say so, rather than offer nothing without a word.
      title.textContent = 'Import sessions from the AWS CLI’s config';
      list.replaceChildren();
      button.hidden = true;
      problem.textContent = failureSentence(error);
      section.hidden = false;
    }
  }

  button.addEventListener('click', () => {
    if (button.disabled) return;
    button.disabled = true;
    problem.textContent = '';
    keyless
      .importSessions(chosen())
      .then(async (added) => {
        status.textContent = added.length ? `Added ${plural(added.length)}: sign in to each in the list above.` : 'Nothing was added.';
        await Promise.all([refresh(), afterImport()]);
      })
      .catch((error: unknown) => (problem.textContent = failureSentence(error)))
      .finally(() => (button.disabled = chosen().length === 0));
  });
  return { refresh };
}
