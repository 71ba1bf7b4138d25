import type { MenuTemplateItem } from './menu-template.js';

/** A menu template as indented text, the way a person reads the tray menu: for previews and tests. */
export function menuOutline(items: readonly MenuTemplateItem[], depth = 0): string[] {
  return items.flatMap((item) => [
    `${'  '.repeat(depth)}${item.type === 'separator' ? '---' : item.label}${item.enabled === false ? ' [disabled]' : ''}`,
    ...(Array.isArray(item.submenu) ? menuOutline(item.submenu, depth + 1) : []),
  ]);
}
