import { runValidateAction } from './validate-action.js';

await runValidateAction();
