/**
 * One item of a menu template: the part of Electron's MenuTemplateItem the tray uses, declared here so the
 * desktop layer never imports electron. src/main/tray.ts hands these to Menu.buildFromTemplate, where tsc checks they still fit.
 */
export interface MenuTemplateItem {
  label?: string;
  type?: 'normal' | 'separator' | 'submenu' | 'checkbox' | 'radio';
  id?: string;
  enabled?: boolean;
  checked?: boolean;
  accelerator?: string;
  submenu?: MenuTemplateItem[];
  click?: () => void;
}
