// Placeholder for the commands whose services have not landed yet.
const command = process.argv[2] ?? 'this command';
process.stderr.write(`pnpm ${command}: not available yet in this version of shopserve-sync.\n`);
process.exit(1);
