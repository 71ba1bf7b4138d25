import { failureSentence, keyless } from '../common/keyless.js';

/** "Open console for an AWS CLI profile…": lists the AWS CLI's profiles on demand; choosing one opens its console, the outcome shown in `message`. */
export function setupProfileConsole(message: HTMLElement): void {
  const toggle = document.getElementById('profile-console') as HTMLButtonElement;
  const list = document.getElementById('profiles') as HTMLElement;

  const hide = () => {
    list.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
  };

  const profileButton = (profile: string) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = profile;
    button.addEventListener('click', () => {
      message.textContent = `Opening the console with profile "${profile}"…`;
      keyless.openProfileConsole(profile).then(
        (done) => (message.textContent = done),
        (error: unknown) => (message.textContent = failureSentence(error)),
      );
    });
    return button;
  };

  // Read when asked, not at start: the files may have changed since the window opened.
  const show = async () => {
    let profiles: string[];
    try {
      profiles = await keyless.awsCliProfiles();
    } catch (error) {
      message.textContent = failureSentence(error);
      return;
    }
    if (profiles.length === 0) {
      message.textContent = 'The AWS CLI’s config and credentials files hold no profiles.';
      return;
    }
    list.replaceChildren(...profiles.map(profileButton));
    list.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    (list.firstElementChild as HTMLElement | null)?.focus();
  };

  toggle.addEventListener('click', () => (list.hidden ? void show() : hide()));
}
