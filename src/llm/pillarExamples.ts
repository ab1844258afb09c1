// Knowledge as data: for each CWE-1000 pillar, CWEs under it (View 1000) that a Python reviewer meets, shown to the
// model beside the pillar so that it picks a CWE under the defect type it chose instead of one whose name merely
// sounds right (CWE-290 "spoofing" lies under access control, not interaction). A test checks each lies under its
// pillar. A CWE under two pillars (CWE-209 reaches CWE-664 and CWE-703) is accepted under either, but listed once.
export const PILLAR_EXAMPLES: ReadonlyMap<number, readonly number[]> = new Map([
  // Access control: who may do what.
  [284, [862, 863, 639, 287, 306, 269, 295]],
  // Interaction between components: two parts that disagree on what the data or the environment means.
  [435, [436, 439]],
  // Resource lifetime: creation, exposure, release, and data that leaves its sphere.
  [664, [400, 404, 459, 200, 532, 22, 502, 918, 611, 601, 1188, 668]],
  // Calculation.
  [682, [190, 369, 193, 131]],
  // Control flow: ordering, races, loops, workflows.
  [691, [362, 367, 696, 841, 834]],
  // Protection mechanisms: encryption, randomness, authenticity checks.
  [693, [311, 319, 327, 330, 345, 347, 807]],
  // Comparison.
  [697, [1023, 1025, 1024, 185]],
  // Exceptional conditions.
  [703, [754, 755, 252, 390, 636]],
  // Neutralization of input and output: injection, validation, encoding.
  [707, [20, 78, 89, 79, 94, 116, 117]],
  // Coding standards.
  [710, [1164, 477, 561, 1357, 758]],
]);
