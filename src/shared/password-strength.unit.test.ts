import { describe, expect, it } from 'vitest';
import { passwordProblem, passwordScore } from './password-strength.ts';

const owner = { username: 'wang.fang', displayName: '王芳' };

describe('the password rule', () => {
  it('refuses the weak passwords of issue 13', () => {
    expect(passwordProblem('1234567890', owner)).toBe('too_common');
    expect(passwordProblem('aaaaaaaaaa', owner)).toBe('too_common');
    expect(passwordProblem('wang.fang1', owner)).toBe('contains_username');
    expect(passwordProblem('X-WANG.FANG-x', owner)).toBe('contains_username');
  });

  it('refuses near misses of common passwords, pinyin favourites and the product’s name', () => {
    for (const pw of ['passw0rd123', 'woaini1314520', 'qwerty123456', 'gridguard2024']) expect(passwordProblem(pw, owner), pw).toBe('too_common');
  });

  it('accepts a passphrase of unrelated words', () => {
    expect(passwordProblem('plum-kettle-harbour-9', owner)).toBeNull();
    expect(passwordScore('plum-kettle-harbour-9', owner)).toBeGreaterThanOrEqual(3);
  });

  it('says too short before anything else', () => {
    expect(passwordProblem('Zx9!', owner)).toBe('too_short');
  });
});
