import { runChangesAction } from './changes-action.js';

await runChangesAction();
