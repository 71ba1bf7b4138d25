import type { SessionSummary } from '../../shared/ipc-types.js';
import { failureSentence, keyless } from '../common/keyless.js';

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const section = element('client-secret');
const choice = element<HTMLSelectElement>('client-secret-session');
const secret = element<HTMLInputElement>('client-secret-value');
const button = element<HTMLButtonElement>('replace-client-secret');
const result = element('client-secret-result');
const problem = element('client-secret-problem');

/** Offers the OpenID Connect sessions with a client secret; the list is rebuilt only when they change, so a choice made stays. */
export function showClientSecretSessions(sessions: readonly SessionSummary[]): void {
  const names = sessions.filter((session) => session.kind === 'oidc' && session.clientSecret).map((session) => session.name);
  section.hidden = names.length === 0;
  if (names.join('\n') === [...choice.options].map((option) => option.value).join('\n')) return;
  const chosen = choice.value;
  choice.replaceChildren(...names.map((name) => Object.assign(document.createElement('option'), { value: name, textContent: name })));
  if (names.includes(chosen)) choice.value = chosen;
}

/** Replaces the chosen session's secret; the field is emptied once the keychain holds the new one. Disabled meanwhile, so a double click replaces once. */
button.addEventListener('click', () => {
  result.textContent = '';
  problem.textContent = '';
  button.disabled = true;
  const name = choice.value;
  keyless
    .replaceClientSecret(name, secret.value)
    .then(() => {
      secret.value = '';
      result.textContent = `Replaced the client secret of ${name}. Sign in to ${name} again.`;
    })
    .catch((error: unknown) => (problem.textContent = failureSentence(error)))
    .finally(() => (button.disabled = false));
});
