import type { AccountNameInput, OidcRoleInput, OidcSessionInput, SamlSessionInput, SessionKindName } from '../../shared/ipc-types.js';
import { keyless } from '../common/keyless.js';

const form = document.getElementById('add') as HTMLFormElement;
const text = (id: string) => (document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value;

/** The kind of session the form adds now. */
export function chosenKind(): SessionKindName {
  return (form.elements.namedItem('kind') as RadioNodeList).value as SessionKindName;
}

/** Shows the chosen kind's fields only; the others keep what was typed, for going back. */
export function showKindFields(kind: SessionKindName): void {
  for (const fields of form.querySelectorAll<HTMLElement>('[data-kind]')) fields.hidden = fields.dataset.kind !== kind;
}

/** Chooses a kind, as a click on its button would. */
export function chooseKind(kind: SessionKindName): void {
  for (const radio of form.querySelectorAll<HTMLInputElement>('input[name="kind"]')) radio.checked = radio.value === kind;
  showKindFields(kind);
}

/** A field of one entry a line, each its first word and optionally the rest after a space; empty lines are left out. */
function wordAndRestLines(lines: string): { word: string; rest?: string }[] {
  return lines
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const space = line.search(/\s/);
      return space < 0 ? { word: line } : { word: line.slice(0, space), rest: line.slice(space).trim() };
    });
}

/** The roles field: one role ARN a line, then optionally its label after a space. */
export function roleLines(lines: string): OidcRoleInput[] {
  return wordAndRestLines(lines).map(({ word, rest }) => (rest === undefined ? { roleArn: word } : { roleArn: word, label: rest }));
}

/** The account names field: one account id a line, then its name after a space. */
export function accountNameLines(lines: string): AccountNameInput[] {
  return wordAndRestLines(lines).map(({ word, rest }) => ({ accountId: word, name: rest ?? '' }));
}

function samlInput(): SamlSessionInput {
  const roleFilter = text('roleFilter').trim();
  const accountNames = accountNameLines(text('accountNames'));
  return {
    name: text('name').trim(),
    signInUrl: text('signInUrl'),
    partition: text('partition'),
    ...(roleFilter ? { roleFilter } : {}),
    ...(accountNames.length > 0 ? { accountNames } : {}),
  };
}

function oidcInput(): OidcSessionInput {
  const scopes = text('scopes').split(/\s+/).filter(Boolean);
  const secret = text('clientSecret');
  return {
    name: text('name').trim(),
    issuer: text('issuer'),
    clientId: text('clientId'),
    ...(secret.trim() ? { clientSecret: secret } : {}),
    ...(scopes.length > 0 ? { scopes } : {}),
    roles: roleLines(text('roles')),
  };
}

/** Adds a SAML or OpenID Connect session from the form; Keyless checks it and starts its sign-in, or rejects with the one sentence. */
export async function addOtherKind(kind: Exclude<SessionKindName, 'identity-center'>): Promise<void> {
  if (kind === 'saml') await keyless.addSamlSession(samlInput());
  else await keyless.addOidcSession(oidcInput());
}
