import { runPlanCommentAction } from '../plan/action.js';

await runPlanCommentAction();
