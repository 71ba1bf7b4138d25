import type { KeylessServices } from '../keyless-services.js';

/** Removes a chained role (unless another starts from it) and deletes its credentials from the keychain, so no process serves them again. */
export async function removeChainedRole(services: Pick<KeylessServices, 'chainedRoles' | 'chains'>, name: string): Promise<void> {
  const before = services.chainedRoles.list();
  services.chainedRoles.remove(name);
  await services.chains.forget(
    before.find((role) => role.name === name)!,
    before,
  );
}
