import * as core from '@actions/core';
import { kubeconfigSecrets } from '../k8s/kubeconfig.js';
import { secretForms } from '../secrets/mask.js';

/**
 * The runner's masking, fed from the one list of secret forms (src/secrets/mask.ts): every action edge masks
 * through these two functions, before anything else can print a value.
 */
export function maskValue(value: string | undefined): void {
  if (!value) return;
  for (const form of secretForms(value)) core.setSecret(form);
}

/** A kubeconfig: the whole text and each credential field (parsed), not every line — `clusters:` is no secret. */
export function maskKubeconfig(content: string | undefined): void {
  if (!content) return;
  core.setSecret(content);
  for (const secret of kubeconfigSecrets(content)) maskValue(secret);
}
