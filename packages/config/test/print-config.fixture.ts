// A process that starts the way every service does: parse the environment or stop.
import { loadConfigOrExit } from '../src/index.ts';

const config = loadConfigOrExit({ require: ['API_TOKEN'] });
process.stdout.write(JSON.stringify({ API_PORT: config.API_PORT, QUEUE_PREFIX: config.QUEUE_PREFIX }));
