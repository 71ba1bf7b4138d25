// Loaded with `node --import` ahead of the built app's entry, so a plain Node process looks to the app like Electron's
// main process in a development run (`electron <app> …`): process.versions names Electron, process.defaultApp is set,
// and `electron` resolves to the recording stand-in beside this file.
import { register } from 'node:module';

Object.defineProperty(process.versions, 'electron', { value: '45.4.1', enumerable: true });
process.defaultApp = true;
register('./hooks.mjs', import.meta.url);
