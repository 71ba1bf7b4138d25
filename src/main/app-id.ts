/** The app's id: electron-builder.yml's appId, which Windows needs as the AppUserModelId for notifications and login items. */
export const APP_ID = 'dev.keyless.app';
