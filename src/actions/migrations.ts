import { runMigrationsAction } from './migrations-action.js';

await runMigrationsAction();
