// The distributions whose declared minimum version rules ask (`ctx.project.declaredMinimum`): only these are read
// from a project's manifests and made part of each file's cache key, so a bump of any other requirement leaves
// cached results standing.
import { DJANGO_DISTRIBUTION } from './djangoVersions.js';

export const DECLARED_VERSIONS_ASKED: readonly string[] = [DJANGO_DISTRIBUTION];
