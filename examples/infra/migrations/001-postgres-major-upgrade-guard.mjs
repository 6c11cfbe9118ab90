// Step 1 of the PostgreSQL major-upgrade procedure: a guard.
//
// A new PostgreSQL major version cannot start on an old data directory, and the upgrade itself (pg_upgrade or
// dump/restore) cannot be rehearsed on production data. So before the postgres component is applied with an image
// of a different major version, this migration insists on a backup Job that completed recently. It reads the state
// of the cluster, never versions written in this repository:
//   - the data directory's version: the `k8sapp.io/pg-data-version` annotation of the live StatefulSet when an
//     earlier upgrade step set it, else the major version of the image the live StatefulSet runs (PostgreSQL
//     refuses to start on a data directory of another major, so a running server's major is its PG_VERSION);
//   - the new major version: the image in the rendered manifests;
//   - the backup: a Job labelled k8sapp.io/backup-of=postgres with a Complete condition.
// Once the cluster runs the new major, isNeeded is false after one read, for ever: delete this file then.
//
// The later steps of the procedure are further files that sort after this one (002-postgres-pg-upgrade.mjs, ...);
// see docs/migrations.md, "Upgrade procedures".

/** Hours a backup stays good enough to upgrade from. */
const MAX_BACKUP_AGE_HOURS = 24;
const STATEFULSET = 'postgres';
const CONTAINER = 'postgres';
const BACKUP_SELECTOR = 'k8sapp.io/backup-of=postgres';

/** `postgis/postgis:18-3.6` → 18, `postgres:17.2-bookworm` → 17, `postgres@sha256:…` → undefined. */
export function majorOf(image) {
  const tag = /:([^/@]+)$/.exec(image ?? '')?.[1];
  const major = tag ? /^(\d+)/.exec(tag)?.[1] : undefined;
  return major === undefined ? undefined : Number(major);
}

function desiredStatefulSet(ctx) {
  return ctx.manifests.find((o) => o.kind === 'StatefulSet' && o.metadata.name === STATEFULSET);
}

function imageOf(statefulSet) {
  return statefulSet?.spec?.template?.spec?.containers?.find((c) => c.name === CONTAINER)?.image;
}

async function versions(ctx) {
  const desired = desiredStatefulSet(ctx);
  if (!desired) return undefined;
  const namespace = desired.metadata.namespace;
  const live = await ctx.kube.get('statefulset', STATEFULSET, namespace ? { namespace } : {});
  if (!live) return undefined; // a fresh install has no data directory to upgrade
  const annotated = Number(live.metadata.annotations?.['k8sapp.io/pg-data-version']);
  const data = Number.isInteger(annotated) && annotated > 0 ? annotated : majorOf(imageOf(live));
  return { namespace, data, next: majorOf(imageOf(desired)), liveImage: imageOf(live), nextImage: imageOf(desired) };
}

function completedAt(job) {
  const complete = job.status?.conditions?.find((c) => c.type === 'Complete' && c.status === 'True');
  const time = job.status?.completionTime ?? complete?.lastTransitionTime;
  return complete && time ? new Date(time) : undefined;
}

/** @type {import('k8sapp/migrations').Migration} */
export default {
  id: '001-postgres-major-upgrade-guard',
  description: 'Refuses a PostgreSQL major-version change unless a backup Job completed in the last 24 hours.',
  phase: 'pre',
  components: ['postgres'],
  deprecated: {
    note: 'Needed until every environment runs PostgreSQL 18; keep it if another major upgrade is planned.',
    after: '2027-06-30',
  },

  async isNeeded(ctx) {
    const v = await versions(ctx);
    if (!v || v.data === undefined || v.next === undefined) return false;
    return v.data !== v.next;
  },

  async run(ctx) {
    const v = await versions(ctx);
    if (!v) return;
    if (v.next < v.data) {
      throw new Error(
        `the data directory is PostgreSQL ${v.data} but the new image ${v.nextImage} is PostgreSQL ${v.next}: ` +
          'PostgreSQL cannot downgrade a data directory. Restore a backup into a fresh volume instead.',
      );
    }
    const jobs = await ctx.kube.list('jobs.batch', { ...(v.namespace ? { namespace: v.namespace } : {}), selector: BACKUP_SELECTOR });
    const cutoff = Date.now() - MAX_BACKUP_AGE_HOURS * 3600_000;
    const backups = jobs
      .map((job) => ({ job, at: completedAt(job) }))
      .filter((b) => b.at && b.at.getTime() >= cutoff)
      .sort((a, b) => b.at.getTime() - a.at.getTime());
    if (backups.length === 0) {
      throw new Error(
        `PostgreSQL major upgrade ${v.data} → ${v.next} (${v.liveImage} → ${v.nextImage}) needs a backup first: ` +
          `no Job labelled ${BACKUP_SELECTOR} completed in the last ${MAX_BACKUP_AGE_HOURS} hours` +
          `${jobs.length ? ` (found ${jobs.map((j) => j.metadata.name).join(', ')}, none complete and recent)` : ''}. ` +
          'Run the backup Job, check it completed, then deploy again. Nothing was applied.',
      );
    }
    const latest = backups[0];
    ctx.log.info(
      `PostgreSQL ${v.data} → ${v.next}: backup Job ${latest.job.metadata.name} completed at ${latest.at.toISOString()}; the upgrade may proceed.`,
    );
  },
};
