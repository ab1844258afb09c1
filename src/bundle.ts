// What scripts/bundle.ts tells the code it bundles into dist/bundle/: undefined in the per-module build (dist/) and
// when pillar runs from its TypeScript sources (tsx, vitest). A bundle sits one folder deeper than the module it was
// built from and holds every module of a thread, so paths relative to a module differ there.
declare const __PILLAR_BUNDLE__: { version: string } | undefined;

export const BUNDLE: { version: string } | undefined = typeof __PILLAR_BUNDLE__ === 'undefined' ? undefined : __PILLAR_BUNDLE__;
