/**
 * The few GitHub REST calls the Action makes, over Node's global fetch (no dependency): list the comments
 * of a pull request, create one, edit one. The base URL comes from GITHUB_API_URL (GitHub Enterprise
 * Server sets its own), and the token is only ever sent to that origin, pagination links included.
 */

export class GitHubApiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitHubApiError';
  }
}

export interface IssueComment {
  id: number;
  body: string;
  html_url: string;
  user: { login: string } | null;
}

export interface GitHubClient {
  listComments(issue: number): Promise<IssueComment[]>;
  createComment(issue: number, body: string): Promise<IssueComment>;
  updateComment(id: number, body: string): Promise<IssueComment>;
}

export interface ClientOptions {
  apiUrl: string;
  /** `owner/name`. */
  repository: string;
  token: string;
  userAgent: string;
}

/** What a failed call tells the user to check, by HTTP status. */
function hint(status: number): string {
  if (status === 401) return ' (check the github-token input)';
  if (status === 403)
    return ' (the token needs "pull-requests: write"; pull requests from forks get a read-only token)';
  if (status === 404) return ' (check the repository and that the token can read it)';
  return '';
}

async function errorText(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    if (typeof message === 'string' && message !== '') return message;
  } catch {
    // not JSON: the status text says enough
  }
  return response.statusText || 'no message';
}

/** The `rel="next"` URL of a Link header. */
export function nextLink(header: string | null): string | undefined {
  if (header === null) return undefined;
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) return match[1];
  }
  return undefined;
}

export function createClient(options: ClientOptions): GitHubClient {
  const base = new URL(options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`);
  const repo = `repos/${options.repository}`;

  async function call(method: string, url: URL, body?: unknown): Promise<Response> {
    if (url.origin !== base.origin)
      throw new GitHubApiError(
        `refusing to send the token to ${url.origin} (GITHUB_API_URL is ${base.origin})`,
      );
    const where = `${method} ${url.pathname}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${options.token}`,
          'user-agent': options.userAgent,
          'x-github-api-version': '2022-11-28',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        redirect: 'error',
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new GitHubApiError(`GitHub API ${where} failed: ${reason}`);
    }
    if (!response.ok) {
      const message = await errorText(response);
      throw new GitHubApiError(
        `GitHub API ${where} failed: ${response.status} ${message}${hint(response.status)}`,
      );
    }
    return response;
  }

  const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;
  const at = (suffix: string): URL => new URL(`${repo}/${suffix}`, base);

  return {
    async listComments(issue) {
      const all: IssueComment[] = [];
      let url: URL | undefined = at(`issues/${issue}/comments?per_page=100`);
      while (url !== undefined) {
        const response = await call('GET', url);
        all.push(...(await json<IssueComment[]>(response)));
        const next = nextLink(response.headers.get('link'));
        url = next === undefined ? undefined : new URL(next);
      }
      return all;
    },
    async createComment(issue, body) {
      return json(await call('POST', at(`issues/${issue}/comments`), { body }));
    },
    async updateComment(id, body) {
      return json(await call('PATCH', at(`issues/comments/${id}`), { body }));
    },
  };
}
