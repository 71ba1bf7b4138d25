/** Opens a URL in the person's browser; false when none can open here (Linux without a display, or no program to open it with). */
export async function openInBrowser(url: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  // Over SSH or in a container, xdg-open may "succeed" without anything appearing, or start a text browser in the terminal.
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return false;
  try {
    // Loaded only when a browser is wanted: most commands never open one.
    const { default: open } = await import('open');
    await open(url);
    return true;
  } catch {
    return false;
  }
}
