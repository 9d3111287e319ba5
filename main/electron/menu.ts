// The application menu. Export arrives with its own feature; until then it is shown disabled
// rather than pretending to work.
import { app, dialog, Menu, nativeTheme, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  importFiles(): void;
  openWorkspace(): void;
}

export function installMenu(getWindow: () => BrowserWindow | undefined, actions: MenuActions): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => actions.importFiles() },
        { type: 'separator' },
        { label: 'Open workspace…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.openWorkspace() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        {
          label: 'Theme',
          submenu: (['system', 'light', 'dark'] as const).map((source) => ({
            label: source === 'system' ? 'Follow the system' : source === 'light' ? 'Light' : 'Dark',
            type: 'radio' as const,
            checked: nativeTheme.themeSource === source,
            click: () => {
              nativeTheme.themeSource = source;
            },
          })),
        },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    {
      role: 'help',
      submenu: [
        {
          label: 'About Claimbench',
          click: () => {
            const options = {
              type: 'info' as const,
              title: 'About Claimbench',
              message: `Claimbench ${app.getVersion()}`,
              detail: `A research workbench for claims.\nElectron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
            };
            const window = getWindow();
            void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
          },
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
