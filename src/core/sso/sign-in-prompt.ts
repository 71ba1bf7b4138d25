/** What the person must do to finish a sign-in, for the tray, the windows and the CLI to show. */
export type SignInPrompt = { kind: 'browser'; url: string } | { kind: 'device'; url: string; userCode: string; verificationUri: string; expiresAt: number };

/** How a sign-in reaches the person: open a URL in their browser, and show what they must do. */
export interface SignInInteraction {
  /** Opens the URL in the person's browser; a failure is reported through the prompt, not fatal. */
  openUrl(url: string): Promise<void>;
  /** Shows the prompt (the URL to open again, or the device code). */
  onPrompt?(prompt: SignInPrompt): void;
  /** Don't open a browser: only show the prompt (remote or headless machines). */
  noBrowser?: boolean;
  signal?: AbortSignal;
}
