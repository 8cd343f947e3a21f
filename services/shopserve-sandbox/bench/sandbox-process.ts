// The sandbox in a process of its own, so that the load generator does not share its event loop.
// The parent sends the settings, gets the URL back, and later sends "stop" (or goes away).
import { startSandbox, type RunningSandbox, type SandboxSettingsInput } from '../src/index.ts';

let sandbox: RunningSandbox | undefined;

process.on('message', (message: { settings: SandboxSettingsInput } | 'stop') => {
  if (message === 'stop') {
    void sandbox?.close().then(() => {
      process.disconnect();
    });
    return;
  }
  void startSandbox(message.settings).then((started) => {
    sandbox = started;
    process.send?.({ url: started.url });
  });
});
process.once('disconnect', () => {
  void sandbox?.close();
});
