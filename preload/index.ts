// The Electron preload: exposes the workbench contract's methods, and nothing else, on
// window.claimbench. Built as CommonJS so the window can keep `sandbox: true`.
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from './bridge.ts';
import { BRIDGE_GLOBAL } from '../core/contract/workbench-api.ts';

contextBridge.exposeInMainWorld(
  BRIDGE_GLOBAL,
  buildBridge({
    invoke: (channel, args) => ipcRenderer.invoke(channel, ...args),
    on: (channel, listener) => {
      const wrapped = (_event: unknown, ...args: unknown[]) => listener(...args);
      ipcRenderer.on(channel, wrapped);
      return () => void ipcRenderer.removeListener(channel, wrapped);
    },
  }),
);
