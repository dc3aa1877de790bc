// Which code the figures belong to: the commit, and whether the working tree
// had changes on top of it (the bench builds the working tree as it is).
import { execFileSync } from 'node:child_process';

const git = (...args) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

export function describeSource() {
  try {
    const changed = git('status', '--porcelain', '--untracked-files=no').split('\n').filter(Boolean).length;
    return { commit: git('rev-parse', 'HEAD'), changedFiles: changed };
  } catch {
    return { commit: 'unknown (not a git checkout)', changedFiles: null };
  }
}
