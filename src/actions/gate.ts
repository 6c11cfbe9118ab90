import { runGateAction } from './gate-action.js';

await runGateAction();
