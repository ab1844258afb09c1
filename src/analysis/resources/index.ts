// Resource typestate, language-neutral: the model shapes (spec.ts) and the graph searches (typestate.ts).
export * from './spec.js';
export * from './typestate.js';
