// Inferred conventions ("Bugs as Deviant Behavior", Engler et al., SOSP 2001): in a population of sites that perform
// the same kind of operation, a feature most of them show (an authorisation first, a project-scoped lookup) is a
// belief the code holds; the few sites without it are deviants to report, with the majority as evidence. Language-
// neutral: the caller builds the population (a class, a module, or — through the project index — the whole tree).

/** One site of the operation: its identity for messages and the features it shows. */
export interface Site<T = unknown> {
  /** Stable label for messages (`CredentialsController.update`). */
  label: string;
  features: ReadonlySet<string>;
  /** What the caller needs back to report (a syntax node …). */
  data: T;
}

/** A set of sites judged together, named for messages (`class VolumeController`, `module cinder/volume/api.py`). */
export interface Population<T = unknown> {
  name: string;
  sites: ReadonlyArray<Site<T>>;
}

/** A feature the population holds as a convention, with who follows it and who deviates. */
export interface Convention<T = unknown> {
  feature: string;
  followers: Array<Site<T>>;
  deviants: Array<Site<T>>;
  /** Engler's z-statistic of the followers' proportion against `p0`. */
  z: number;
}

export interface ConventionThresholds {
  /** At least this many sites must follow the feature: fewer is an accident, not a belief. */
  minFollowers: number;
  /** The proportion a feature shows by chance under the null hypothesis (Engler ranks against p0 = 0.9 for
   * "must" beliefs; we test "more often than not" at 0.5 and let zMin set the confidence). */
  p0: number;
  /** One-sided z threshold: 1.645 is 95% confidence that the feature is held on purpose. With p0 = 0.5 it needs,
   * e.g., 6 of 7, 7 of 8, 8 of 10, 9 of 12 sites (5 of 6 falls just short): with more deviants than that the "convention" is a habit. A
   * higher threshold (2.0: 7 of 8) misses the small controllers (5–8 methods) most API classes are. */
  zMin: number;
}

export const DEFAULT_THRESHOLDS: ConventionThresholds = { minFollowers: 5, p0: 0.5, zMin: 1.645 };

/** z = (e/n − p0) / √(p0(1 − p0)/n): how far the followers' share is above chance, in standard errors. */
export function zStatistic(followers: number, n: number, p0: number): number {
  if (n === 0) return 0;
  return (followers / n - p0) / Math.sqrt((p0 * (1 - p0)) / n);
}

/**
 * The conventions `population` holds: every feature shown by at least `minFollowers` sites whose z reaches `zMin`
 * and that some site lacks (a feature all sites show has no deviant to report). Sorted by z, then feature name, so
 * the output is deterministic.
 */
export function inferConventions<T>(population: Population<T>, thresholds: ConventionThresholds = DEFAULT_THRESHOLDS): Array<Convention<T>> {
  const counts = new Map<string, number>();
  for (const s of population.sites) for (const f of s.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const n = population.sites.length;
  const out: Array<Convention<T>> = [];
  for (const [feature, count] of counts) {
    if (count < thresholds.minFollowers || count === n) continue;
    const z = zStatistic(count, n, thresholds.p0);
    if (z < thresholds.zMin) continue;
    out.push({
      feature,
      followers: population.sites.filter((s) => s.features.has(feature)),
      deviants: population.sites.filter((s) => !s.features.has(feature)),
      z,
    });
  }
  return out.sort((a, b) => b.z - a.z || (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0));
}
