export { startFakeAws, type FakeAws, type StartOptions } from './server.js';
export {
  DEFAULT_SCENARIO,
  OPERATIONS,
  PORTAL_OPERATIONS,
  type Operation,
  type SamlIdpSettings,
  type SamlProvider,
  type Scenario,
  type ScenarioOptions,
} from './scenario.js';
export type { LoggedRequest } from './request-log.js';
export type { FakeAccount } from './organisation.js';
