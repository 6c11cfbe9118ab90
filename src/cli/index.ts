import { main, processEnvironment } from './main.js';

process.exitCode = await main(process.argv.slice(2), processEnvironment());
