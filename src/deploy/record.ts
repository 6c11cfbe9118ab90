/**
 * The deployment record on the repository's Environments page, over an injected API (octokit at the action edge,
 * a fake in tests, absent in the CLI): pure, so the pipeline never imports the GitHub edge.
 */
export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error' | 'inactive';

/** The slice of the GitHub Deployments API the pipeline uses; tests pass a fake, the action an octokit adapter. */
export interface DeploymentsApi {
  create(request: { ref: string; environment: string; description: string; production: boolean }): Promise<number>;
  setStatus(id: number, state: DeploymentState, details: { logUrl?: string; description: string }): Promise<void>;
}

export interface DeploymentRecorder {
  /** Undefined when recording was skipped; the reason was logged once. */
  readonly id: number | undefined;
  finish(state: DeploymentState, description: string): Promise<void>;
}

function status(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error ? Number(error.status) : undefined;
}

/** Nothing to update: the deployment record could not be created. */
const NOT_RECORDED: DeploymentRecorder = { id: undefined, finish: () => Promise.resolve() };

/**
 * Records a deployment on the repository's Environments page: create it, mark it in progress, and later success or
 * failure with the run URL. A token without `deployments: write` skips recording with a notice, never fails the
 * deployment itself.
 */
export async function startDeploymentRecord(
  api: DeploymentsApi | undefined,
  request: { ref: string; environment: string; description: string; production: boolean; logUrl?: string },
  notice: (message: string) => void,
): Promise<DeploymentRecorder> {
  if (!api) return NOT_RECORDED;
  let id: number;
  try {
    id = await api.create(request);
    await api.setStatus(id, 'in_progress', { description: request.description, ...(request.logUrl ? { logUrl: request.logUrl } : {}) });
  } catch (error) {
    const code = status(error);
    if (code === 403 || code === 404 || code === 401) {
      notice(
        `Deployment history was not recorded: the token cannot write deployments (HTTP ${code}). ` +
          'Give the job `permissions: deployments: write` to see deployments on the Environments page.',
      );
      return NOT_RECORDED;
    }
    notice(`Deployment history was not recorded: ${error instanceof Error ? error.message : String(error)}`);
    return NOT_RECORDED;
  }
  return {
    id,
    finish: async (state, description) => {
      try {
        await api.setStatus(id, state, { description, ...(request.logUrl ? { logUrl: request.logUrl } : {}) });
      } catch (error) {
        notice(`Could not update deployment ${id} to ${state}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}
