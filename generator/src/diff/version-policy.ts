/**
 * Semantic versioning for an API: a breaking change needs a new major version; below
 * 1.0.0 the minor version plays the major's role (0.3.x → 0.4.0).
 */

/** A parsed `major.minor.patch` version (pre-release and build parts ignored). */
export interface Version {
  major: number;
  minor: number;
  patch: number;
}

/** Parses `1.2.3` (also `v1.2.3`, `1.2.3-rc.1`); undefined when it is not a version. */
export function parseVersion(text: string): Version | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(text.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

/** Whether going from `from` to `to` is a release allowed to break clients. */
export function isBreakingRelease(from: Version, to: Version): boolean {
  if (to.major !== from.major) return to.major > from.major;
  return from.major === 0 && to.minor > from.minor;
}

/** The smallest version after `from` that may break clients: `2.0.0` after `1.4.2`, `0.4.0` after `0.3.1`. */
export function nextBreakingRelease(from: Version): string {
  return from.major === 0 ? `0.${from.minor + 1}.0` : `${from.major + 1}.0.0`;
}
