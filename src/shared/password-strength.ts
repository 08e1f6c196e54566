// How guessable a password is, by zxcvbn-ts with its common-password list and keyboard
// patterns: the server refuses weak ones, the web shows the same estimate while typing. The
// dictionaries weigh about 1 MB, so the web loads this module only on a page with a password
// box (a dynamic import), and the public pages never.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MIN } from './accounts.ts';

/**
 * zxcvbn's score 3 is "safely unguessable": more than 10^8 guesses. Against our sign-in (5
 * failures lock an account for 15 minutes) that is out of reach online, and against a stolen
 * database it still costs 10^8 scrypt hashes of 32 MiB each. Score 2 (10^6) falls to a
 * stolen database in hours.
 */
export const MIN_PASSWORD_SCORE = 3;

// The library's common-password list comes from English-speaking leaks; these are the words
// Chinese leaks and this platform add (a password naming the product is the first one tried).
const LOCAL_WORDS = [
  'gridguard', 'wangge', 'wanggeyuan', 'fangkong', 'yiqing', 'kakou',
  'woaini', 'aini', 'woaini1314', '5201314', '1314520', 'zhongguo', 'qq123456', 'a123456', 'abc123',
];

let estimator: ZxcvbnFactory | null = null;
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...dictionary, local: LOCAL_WORDS },
    graphs: adjacencyGraphs,
    // Near misses of a common password ("passw0rd1") count as the common password.
    useLevenshteinDistance: true,
  });
  return estimator;
}

export type PasswordProblem = 'too_short' | 'contains_username' | 'too_common';

/** The English detail message of each problem (the API's words; the web translates them). */
export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `at least ${PASSWORD_MIN} characters`,
  contains_username: 'must not contain the username',
  too_common: 'too easy to guess: a common password, word, name or keyboard pattern',
};

export interface PasswordOwner {
  username: string;
  /** The account's name: a password made of it is guessed early. */
  displayName?: string;
}

/** zxcvbn's score, 0 (guessed at once) to 4 (very hard), with the owner's names counted as known words. */
export function passwordScore(password: string, owner: PasswordOwner): 0 | 1 | 2 | 3 | 4 {
  if (!password) return 0;
  const known = [owner.username, owner.displayName ?? ''].filter(Boolean);
  return zxcvbn().check(password, known).score;
}

/** What is wrong with `password` for this account, or null when it may be used. */
export function passwordProblem(password: string, owner: PasswordOwner): PasswordProblem | null {
  if (password.length < PASSWORD_MIN) return 'too_short';
  const username = owner.username.trim().toLowerCase();
  if (username && password.toLowerCase().includes(username)) return 'contains_username';
  if (passwordScore(password, owner) < MIN_PASSWORD_SCORE) return 'too_common';
  return null;
}
