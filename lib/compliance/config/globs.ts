/**
 * Resource globs of config-file suppressions. A glob is matched against the resource key as reported in the JSON
 * (`Pod/shop/web`, `apps/Deployment/shop/web`, `MyStack/Bucket83908E77`), the construct path (`MyStack/Data/Bucket`)
 * and the file (as given on the command line, relative to the working folder, and absolute).
 *
 * `*` matches any run of characters except `/`, `**` any run including `/`, `?` one character except `/`; every
 * other character matches itself. The whole string must match.
 */
import * as path from 'path';

const cache = new Map<string, RegExp>();

/** The regular expression of a glob. */
export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (re) return re;
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        out += '.*';
        i++;
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else {
      out += c.replace(/[\\^$.+()|{}[\]]/g, '\\$&');
    }
  }
  re = new RegExp(`^${out}$`, 's');
  cache.set(glob, re);
  return re;
}

/** What a glob can match on a resource. */
export interface GlobTarget {
  readonly key: string;
  readonly constructPath?: string;
  readonly file?: string;
}

/** The strings of a resource that globs are matched against. */
export function globCandidates(t: GlobTarget): string[] {
  const out = [t.key];
  if (t.constructPath) out.push(t.constructPath, t.constructPath.replace(/^\//, ''));
  if (t.file) {
    const slash = (p: string) => p.split(path.sep).join('/');
    out.push(slash(t.file), slash(path.relative(process.cwd(), t.file)), slash(path.resolve(t.file)));
  }
  return out;
}

/** Whether any glob matches the resource (its key, construct path or file). */
export function matchesAnyGlob(globs: readonly string[], t: GlobTarget): boolean {
  const candidates = globCandidates(t);
  return globs.some((g) => {
    const re = globToRegExp(g);
    return candidates.some((c) => re.test(c));
  });
}
