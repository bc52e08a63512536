// The names of the run protocol between the editor's run layer and the server, in a module with no
// imports: the client bundles it without pulling in the analysis pipeline behind runPlan.ts.

/** Editor → server notification: trust, chosen environment, last results (see runState.ts). */
export const RUN_STATE_NOTIFICATION = 'runbook/state';

/** Editor → server request: the steps a run covers (see runPlan.ts). */
export const RUN_PLAN_REQUEST = 'runbook/runPlan';
