/**
 * The pull-request comment: which pull request the workflow runs for (from the event payload), the hidden
 * marker of the sticky comment, and create-or-update.
 */
import * as fs from 'node:fs';
import { COMMENT_MARKER } from '../writers';
import { ActionInputError, type CommentMode } from './inputs';
import type { GitHubClient, IssueComment } from './github';

/**
 * The pull request of the event at GITHUB_EVENT_PATH: `pull_request`/`pull_request_target`, or an
 * `issue_comment` on a pull request. Undefined for other events (push, schedule, merge_group).
 */
export function pullRequestNumber(eventPath: string | undefined): number | undefined {
  if (eventPath === undefined || eventPath === '') return undefined;
  let event: unknown;
  try {
    event = JSON.parse(fs.readFileSync(eventPath, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'not JSON';
    throw new ActionInputError(`GITHUB_EVENT_PATH ${eventPath} cannot be read (${reason})`);
  }
  const e = event as {
    pull_request?: { number?: unknown };
    issue?: { number?: unknown; pull_request?: unknown };
  };
  const number = e.pull_request?.number ?? (e.issue?.pull_request ? e.issue.number : undefined);
  return typeof number === 'number' && Number.isInteger(number) && number > 0 ? number : undefined;
}

/** The hidden first line of the comment; a tag keeps one comment per tag (e.g. per matrix job). */
export function commentMarker(tag: string): string {
  return tag === '' ? COMMENT_MARKER : `<!-- irsa-review tag=${tag} -->`;
}

/** The comment body: the Markdown report, whose first line is the marker. */
export function commentBody(markdown: string, marker: string): string {
  if (!markdown.startsWith(`${COMMENT_MARKER}\n`)) throw new Error('the Markdown report lost its marker');
  return marker + markdown.slice(COMMENT_MARKER.length);
}

export interface CommentResult {
  action: 'created' | 'updated' | 'unchanged';
  url: string;
}

/**
 * `create`: a new comment. `update`: edit the oldest comment by `author` whose first line is `marker`
 * (created when there is none; left alone when its body is already `body`). Comments by anyone else are
 * never touched, whatever they hold.
 */
export async function upsertComment(
  client: GitHubClient,
  issue: number,
  body: string,
  options: { mode: Exclude<CommentMode, 'off'>; marker: string; author: string },
): Promise<CommentResult> {
  if (options.mode === 'update') {
    const comments = await client.listComments(issue);
    const mine = comments.find(
      (c: IssueComment) =>
        c.user?.login === options.author && (c.body ?? '').split(/\r?\n/, 1)[0] === options.marker,
    );
    if (mine !== undefined) {
      if (mine.body === body) return { action: 'unchanged', url: mine.html_url };
      const updated = await client.updateComment(mine.id, body);
      return { action: 'updated', url: updated.html_url };
    }
  }
  const created = await client.createComment(issue, body);
  return { action: 'created', url: created.html_url };
}
