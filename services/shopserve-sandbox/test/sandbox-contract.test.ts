import { startSandbox } from '../src/index.ts';
import { shopServeContractSuite } from './contract.suite.ts';
import { sandboxAdmin } from './sandbox-admin.client.ts';

shopServeContractSuite('the sandbox', async () => {
  const sandbox = await startSandbox();
  const admin = sandboxAdmin(sandbox.url);
  return {
    url: sandbox.url,
    async prepare(fixture) {
      await admin.reset();
      await admin.configure({ lenient: false, shops: fixture.shops, orders: fixture.orders });
    },
    async setRateLimit(rateLimit) {
      await admin.configure({ rateLimit });
    },
    async setFaults(faults) {
      await admin.configure({ faults });
    },
    async setMaintenance(mode) {
      await admin.configure({ maintenance: { mode } });
    },
    async setClock(now) {
      await admin.setClock(now);
    },
    close: () => sandbox.close(),
  };
});
