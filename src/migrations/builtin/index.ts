import type { Migration } from '../types.js';
import { growStatefulSetVolumes } from './grow-statefulset-volumes.js';

/** Built-in migrations, opted in by id under deploy-control `global.migrations.builtin`. */
export const BUILTIN_MIGRATIONS: Readonly<Record<string, Migration>> = {
  [growStatefulSetVolumes.id]: growStatefulSetVolumes,
};
