/**
 * The inputs of the GitHub Action (action.yml), read from the `INPUT_*` environment variables that its
 * review step sets. Every bad value is one {@link ActionInputError} naming the input, the value and what
 * is allowed. Docs: docs/review.md#github-action.
 */
import type { Severity } from '../findings';
import { FORMATS, type Format } from '../writers';

export class ActionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActionInputError';
  }
}

export const FAIL_ON = ['none', 'low', 'medium', 'high'] as const;
export const COMMENT_MODES = ['off', 'create', 'update'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

/** action.yml input name → environment variable its review step sets. */
export const INPUT_ENV = {
  plans: 'INPUT_PLANS',
  'fail-on': 'INPUT_FAIL_ON',
  format: 'INPUT_FORMAT',
  comment: 'INPUT_COMMENT',
  'comment-tag': 'INPUT_COMMENT_TAG',
  'comment-author': 'INPUT_COMMENT_AUTHOR',
  'sarif-upload': 'INPUT_SARIF_UPLOAD',
  'job-summary': 'INPUT_JOB_SUMMARY',
  'rules-url': 'INPUT_RULES_URL',
  'github-token': 'INPUT_GITHUB_TOKEN',
} as const;
export type InputName = keyof typeof INPUT_ENV;

/** Defaults of the optional inputs, as action.yml declares them (a test holds the two equal). */
export const INPUT_DEFAULTS = {
  'fail-on': 'high',
  format: 'markdown',
  comment: 'update',
  'comment-tag': '',
  'comment-author': 'github-actions[bot]',
  'sarif-upload': 'true',
  'job-summary': 'true',
  'rules-url': '',
} as const satisfies Partial<Record<InputName, string>>;

export interface ActionInputs {
  /** Whitespace-separated plan files, directories or globs. */
  plans: string[];
  failOn: Severity | 'none';
  /** Format of the report file (output `report-file`); the comment is always Markdown. */
  format: Format;
  comment: CommentMode;
  /** Distinguishes several sticky comments on one pull request (one per job of a matrix). */
  commentTag: string;
  /** Login whose comment holding the marker is the sticky one. */
  commentAuthor: string;
  /** Write the SARIF file for the upload step. */
  sarif: boolean;
  jobSummary: boolean;
  /** Prefix of the rule links; undefined: this package's versioned docs. */
  rulesUrl?: string;
  token: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const raw = (env: Env, name: InputName): string => (env[INPUT_ENV[name]] ?? '').trim();

type Defaulted = keyof typeof INPUT_DEFAULTS;
const valueOf = (env: Env, name: Defaulted): string => raw(env, name) || INPUT_DEFAULTS[name];

function oneOf<T extends string>(env: Env, name: Defaulted, allowed: readonly T[]): T {
  const value = valueOf(env, name);
  if (!(allowed as readonly string[]).includes(value))
    throw new ActionInputError(`input ${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

function bool(env: Env, name: Defaulted): boolean {
  const value = valueOf(env, name);
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new ActionInputError(`input ${name} must be true or false (got "${value}")`);
}

const TAG = /^[A-Za-z0-9._-]{1,64}$/;
/** GitHub logins, with `[bot]` for apps (`github-actions[bot]`). */
const LOGIN = /^[A-Za-z0-9-]{1,39}(\[bot\])?$/;

export function readInputs(env: Env): ActionInputs {
  const plans = raw(env, 'plans').split(/\s+/).filter(Boolean);
  if (plans.length === 0)
    throw new ActionInputError(
      'input plans is empty: give one or more terraform show -json files, directories or globs',
    );
  const stdin = plans.find((p) => p === '-');
  if (stdin !== undefined) throw new ActionInputError('input plans cannot read stdin ("-"): give a file');
  const commentTag = valueOf(env, 'comment-tag');
  if (commentTag !== '' && !TAG.test(commentTag))
    throw new ActionInputError(
      `input comment-tag must be 1 to 64 letters, digits, ".", "_" or "-" (got "${commentTag}")`,
    );
  const commentAuthor = valueOf(env, 'comment-author');
  if (!LOGIN.test(commentAuthor))
    throw new ActionInputError(
      `input comment-author must be a GitHub login such as github-actions[bot] (got "${commentAuthor}")`,
    );
  const rulesUrl = valueOf(env, 'rules-url');
  return {
    plans,
    failOn: oneOf(env, 'fail-on', FAIL_ON),
    format: oneOf(env, 'format', FORMATS),
    comment: oneOf(env, 'comment', COMMENT_MODES),
    commentTag,
    commentAuthor,
    sarif: bool(env, 'sarif-upload'),
    jobSummary: bool(env, 'job-summary'),
    ...(rulesUrl !== '' ? { rulesUrl } : {}),
    token: raw(env, 'github-token'),
  };
}
