export { buildSandbox, type BuildSandboxOptions } from './build-sandbox.ts';
export type { JournalEntry, JournalFilter } from './journal.ts';
export { monthlyMaintenanceWindow, nextMaintenanceWindow, type TimeWindow } from './maintenance-window.ts';
export type { OrderShipping } from './order-shipping.ts';
export {
  sandboxSettingsSchema,
  SettingsError,
  type SandboxOrder,
  type SandboxSettings,
  type SandboxSettingsInput,
  type SandboxShop,
} from './sandbox-settings.ts';
export { loadSandboxSettings, settingsFromEnv } from './settings-from-env.ts';
export { SandboxState, type SandboxDependencies } from './sandbox-state.ts';
export { startSandbox, type RunningSandbox, type StartSandboxOptions } from './start-sandbox.ts';
