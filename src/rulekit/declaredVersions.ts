// What a rule may conclude from the versions the reviewed project declares (ctx.project.declaredMinimum): only that a
// behaviour every allowed version has is there. An unknown minimum concludes nothing.
import { compareVersions } from '../index/declaredDependencies.js';
import type { ProjectView } from '../index/view.js';

/** True when every version of `distribution` the project lets be installed is `version` or later. */
export function declaresAtLeast(project: ProjectView, distribution: string, version: string): boolean {
  const minimum = project.declaredMinimum(distribution);
  return minimum !== undefined && compareVersions(minimum, version) >= 0;
}
