import { KubeApiError } from '../k8s/api-error.js';
import type { KindRef, KubeClient, ListOptions, WatchEvent } from '../k8s/client.js';
import { ClusterUnreachableError } from '../k8s/unreachable.js';
import type { KubernetesObject } from '../manifests/resource.js';

/** How long the server keeps one watch open before it ends it (the feed then lists again). */
const WATCH_TIMEOUT_SECONDS = 300;

/** A failure of the API (an answer refusing the request, or no answer at all), as opposed to a bug. */
export function isApiFailure(error: unknown): error is KubeApiError | ClusterUnreachableError {
  return error instanceof KubeApiError || error instanceof ClusterUnreachableError;
}

/**
 * The live objects of one kind in one namespace (with selectors): listed once, then kept current by a watch from the
 * list's resourceVersion. When the watch ends (the server's timeout, 410 Expired, a dropped connection) the feed is
 * stale and the next `refresh` lists again. Every change it sees calls `onChange`, so a waiter wakes at once.
 */
export class Feed {
  private objects = new Map<string, KubernetesObject>();
  private resourceVersion = '';
  private abort: AbortController | undefined;
  private watching = false;
  private everListed = false;
  /** A bug thrown inside the watch (not an API failure): thrown by the next refresh, never swallowed. */
  private failure: Error | undefined;

  constructor(
    private readonly kube: KubeClient,
    readonly kind: KindRef,
    readonly selectors: ListOptions,
    private readonly onChange: () => void,
  ) {}

  /** Lists unless a watch keeps the objects current; throws the API's error (the objects seen before stay). */
  async refresh(): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    if (this.watching) return;
    const list = await this.kube.list(this.kind, this.selectors);
    this.objects = new Map(list.items.map((object) => [object.metadata.name, object]));
    this.resourceVersion = list.resourceVersion;
    this.everListed = true;
    this.startWatch();
  }

  /** Whether the objects were ever read (a first list that failed knows nothing, not "none"). */
  get listed(): boolean {
    return this.everListed;
  }

  items(): KubernetesObject[] {
    return [...this.objects.values()];
  }

  find(name: string): KubernetesObject | undefined {
    return this.objects.get(name);
  }

  close(): void {
    this.abort?.abort();
    this.abort = undefined;
    this.watching = false;
  }

  private startWatch(): void {
    const abort = new AbortController();
    this.abort = abort;
    this.watching = true;
    const events = this.kube.watch(this.kind, {
      ...this.selectors,
      resourceVersion: this.resourceVersion,
      signal: abort.signal,
      timeoutSeconds: WATCH_TIMEOUT_SECONDS,
    });
    void this.follow(events, abort.signal);
  }

  private async follow(events: AsyncIterable<WatchEvent>, signal: AbortSignal): Promise<void> {
    try {
      for await (const event of events) {
        if (signal.aborted) break;
        const outcome = this.take(event);
        if (outcome === 'ended') break;
        if (outcome === 'changed') this.onChange();
      }
    } catch (error) {
      // An API failure ends the watch (the next refresh lists again and reports it if it persists); a bug does not hide.
      if (!signal.aborted && !isApiFailure(error)) this.failure = error instanceof Error ? error : new Error(String(error));
    } finally {
      if (this.abort?.signal === signal) this.watching = false;
    }
  }

  /** Applies one event; `ended` when the watch cannot go on (an ERROR event: 410 Expired and the like). */
  private take(event: WatchEvent): 'changed' | 'quiet' | 'ended' {
    if (event.type === 'ERROR') return 'ended';
    const version = (event.object.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
    if (version) this.resourceVersion = version;
    if (event.type === 'BOOKMARK') return 'quiet';
    const name = event.object.metadata.name;
    if (event.type === 'DELETED') this.objects.delete(name);
    else this.objects.set(name, event.object);
    return 'changed';
  }
}
