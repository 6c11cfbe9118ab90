import * as core from '@actions/core';
import { dirname } from 'node:path';
import { execute } from '../exec.js';
import { annotate, booleanInput, input, runAction } from '../github/action.js';
import { actionsLogger } from '../github/logger.js';
import { Kubectl } from '../k8s/kubectl.js';
import { displayPath, parseSecretNames } from '../validate/inputs.js';
import { renderText, validationMarkdown } from '../validate/report.js';
import { validateInfrastructure, type ValidateRequest } from '../validate/validate.js';

/** What this edge reads and writes; actions/validate/action.yml declares exactly these (test/lint keeps them equal). */
export const VALIDATE_INPUTS = ['root', 'control-file', 'secret-names', 'image-preflight'] as const;
export const VALIDATE_OUTPUTS = ['valid', 'environments', 'overlays', 'errors', 'report'] as const;

function readRequest(): ValidateRequest {
  const controlFile = input('control-file');
  const root = input('root') ?? (controlFile ? dirname(controlFile) : 'infra');
  const request: ValidateRequest = { root: displayPath(root, process.cwd()) };
  if (controlFile) request.controlFile = displayPath(controlFile, process.cwd());
  const secretNames = parseSecretNames(input('secret-names'));
  if (secretNames) request.secretNames = secretNames;
  if (booleanInput('image-preflight', false)) request.imagePreflight = true;
  return request;
}

export function runValidateAction(): Promise<void> {
  return runAction(async () => {
    const request = readRequest();
    const report = await validateInfrastructure(request, { kubectl: new Kubectl(execute), logger: actionsLogger, fetch: (url, init) => fetch(url, init) });
    core.info(renderText(report));
    annotate(report.findings);
    core.setOutput('valid', String(report.valid));
    core.setOutput('environments', JSON.stringify(report.environments));
    core.setOutput('overlays', JSON.stringify(report.overlays.map((overlay) => overlay.path)));
    core.setOutput('errors', String(report.counts.errors));
    core.setOutput('report', JSON.stringify(report));
    await core.summary.addRaw(validationMarkdown(report)).write();
    if (!report.valid) core.setFailed(`k8sapp validate: ${report.counts.errors} error(s) in ${report.root}; see the annotations and the job summary`);
  });
}
