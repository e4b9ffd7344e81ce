/**
 * A small fake of the GitHub REST API for the Action's tests, served on 127.0.0.1 (ephemeral port): the
 * comments of pull requests (list with Link pagination, create, edit), a token check, and failures on
 * demand. Every call is recorded.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export const TOKEN = 'test-token';
export const BOT = 'github-actions[bot]';

export interface Call {
  method: string;
  /** Path and query, e.g. `/repos/octo/app/issues/7/comments?per_page=100`. */
  path: string;
  authorization: string | undefined;
  accept: string | undefined;
  apiVersion: string | undefined;
  /** Parsed JSON body, if any. */
  body?: unknown;
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  login: string;
}

export interface Failure {
  status: number;
  body: string;
}

export class FakeGitHub {
  readonly calls: Call[] = [];
  readonly comments: FakeComment[] = [];
  /** Comments per page of a list (GitHub: per_page up to 100). */
  pageSize = 100;
  /** Overrides the origin of the `next` Link (to test that the token stays on GITHUB_API_URL's origin). */
  linkOrigin?: string;
  /** Answers the next call whose `METHOD path` (without query) matches, instead of serving it. */
  failures = new Map<string, Failure>();
  private nextId = 1;
  private server?: http.Server;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get port(): number {
    return (this.server?.address() as AddressInfo).port;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (text += chunk));
      req.on('end', () => this.handle(req, text, res));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) =>
      this.server?.close((error) => (error ? reject(error) : resolve())),
    );
  }

  /** Clears the call log (comments stay). */
  reset(): void {
    this.calls.length = 0;
    this.failures.clear();
    this.pageSize = 100;
    delete this.linkOrigin;
  }

  seed(issue: number, login: string, body: string): FakeComment {
    const comment = { id: this.nextId++, issue, body, login };
    this.comments.push(comment);
    return comment;
  }

  private json(comment: FakeComment): unknown {
    return {
      id: comment.id,
      body: comment.body,
      html_url: `${this.url}/octo/app/pull/${comment.issue}#issuecomment-${comment.id}`,
      user: { login: comment.login, type: comment.login.endsWith('[bot]') ? 'Bot' : 'User' },
    };
  }

  private handle(req: http.IncomingMessage, text: string, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const call: Call = {
      method,
      path: `${url.pathname}${url.search}`,
      authorization: req.headers.authorization,
      accept: req.headers.accept,
      apiVersion: req.headers['x-github-api-version'] as string | undefined,
    };
    if (text !== '') call.body = JSON.parse(text);
    this.calls.push(call);
    const send = (status: number, value: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(typeof value === 'string' ? value : JSON.stringify(value));
    };
    const failure = this.failures.get(`${method} ${url.pathname}`);
    if (failure) {
      this.failures.delete(`${method} ${url.pathname}`);
      send(failure.status, failure.body);
      return;
    }
    if (call.authorization !== `Bearer ${TOKEN}`) {
      send(401, { message: 'Bad credentials' });
      return;
    }
    const list = /^\/repos\/octo\/app\/issues\/(\d+)\/comments$/.exec(url.pathname);
    const edit = /^\/repos\/octo\/app\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (list && method === 'GET') {
      const page = Number(url.searchParams.get('page') ?? '1');
      const all = this.comments.filter((c) => c.issue === Number(list[1]));
      const slice = all.slice((page - 1) * this.pageSize, page * this.pageSize);
      const headers: Record<string, string> = {};
      if (page * this.pageSize < all.length) {
        const next = new URL(`${url.pathname}?per_page=100&page=${page + 1}`, this.linkOrigin ?? this.url);
        headers.link = `<${next.href}>; rel="next"`;
      }
      send(
        200,
        slice.map((c) => this.json(c)),
        headers,
      );
    } else if (list && method === 'POST') {
      const comment = this.seed(Number(list[1]), BOT, (call.body as { body: string }).body);
      send(201, this.json(comment));
    } else if (edit && method === 'PATCH') {
      const comment = this.comments.find((c) => c.id === Number(edit[1]));
      if (!comment) {
        send(404, { message: 'Not Found' });
        return;
      }
      comment.body = (call.body as { body: string }).body;
      send(200, this.json(comment));
    } else {
      send(404, { message: 'Not Found' });
    }
  }
}
