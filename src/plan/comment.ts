/**
 * The sticky pull-request comment: one per pull request, found again by a hidden marker and updated in place, so
 * every push replaces the plan instead of adding another comment. Pure: the comment API is injected.
 */

export const DEFAULT_MARKER = '<!-- k8sapp-plan -->';

/** GitHub refuses a comment body over 65,536 characters; a longer plan is cut with a note saying so. */
export const MAX_BODY = 65_536;

export interface IssueComment {
  id: number;
  body?: string | null;
}

export interface CommentsApi {
  /** The pull request's comments, page by page, oldest first. */
  list(): AsyncIterable<readonly IssueComment[]>;
  create(body: string): Promise<IssueComment>;
  update(id: number, body: string): Promise<IssueComment>;
}

export interface StickyComment {
  action: 'created' | 'updated';
  id: number;
}

/** The body with the marker on its first line (once) and cut to the size GitHub accepts. */
export function commentBody(body: string, marker: string): string {
  const marked = body.includes(marker) ? body : `${marker}\n${body}`;
  if (marked.length <= MAX_BODY) return marked;
  const note = '\n\n… (cut: the plan is longer than a pull-request comment may be; the job log has all of it)\n';
  return marked.slice(0, MAX_BODY - note.length) + note;
}

/** Updates the first comment holding the marker, or creates one. */
export async function upsertStickyComment(api: CommentsApi, body: string, marker: string): Promise<StickyComment> {
  const text = commentBody(body, marker);
  for await (const page of api.list()) {
    const found = page.find((comment) => comment.body?.includes(marker));
    if (found) return { action: 'updated', id: (await api.update(found.id, text)).id };
  }
  return { action: 'created', id: (await api.create(text)).id };
}
