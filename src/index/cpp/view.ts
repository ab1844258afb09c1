// What a C/C++ rule sees of the project (`ctx.project`): its file's slice, asked by the qualifiers the file itself
// writes. Empty in phase 1 and in files that define no method of a class another reviewed file declares.
import { EMPTY_SLICE, type ProjectSlice } from '../types.js';
import type { CppClassFact } from './classFacts.js';

export class CppProjectView {
  static readonly empty = new CppProjectView(EMPTY_SLICE);

  constructor(readonly slice: ProjectSlice) {}

  /**
   * The class another file declares that the qualifier of an out-of-line definition names (`Foo` in `Foo::Foo()`),
   * when a constructor of it can leave a member unset; undefined otherwise (declared here, unknown, ambiguous).
   */
  classDeclaredElsewhere(qualifier: string): CppClassFact | undefined {
    const r = this.slice.cppClasses;
    return r && Object.hasOwn(r, qualifier) ? r[qualifier] : undefined;
  }
}
