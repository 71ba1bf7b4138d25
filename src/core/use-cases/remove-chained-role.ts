import type { KeylessServices } from '../keyless-services.js';

/** Forgets a chained role and the credentials held for it, unless another chained role starts from it (then says which). */
export function removeChainedRole(services: Pick<KeylessServices, 'chainedRoles' | 'chains'>, name: string): void {
  services.chainedRoles.remove(name);
  services.chains.forget(name);
}
