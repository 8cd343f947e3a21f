export { serviceEnvSchema, type ServiceConfig, type ServiceEnvName } from './env-schema.ts';
export { ConfigError, loadConfig, loadConfigOrExit, parseEnv, type Environment } from './load-config.ts';
export { loadSandboxEnv, sandboxEnvSchema, type SandboxEnv } from './sandbox-env-schema.ts';
