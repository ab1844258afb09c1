// Which word of a qemu-img command is the image it opens: the wrapper-caller finding of
// qemu-img-probed-image-not-validated maps that word back to a wrapper's parameter, so an option's value (`-O fmt`)
// must never be taken for the image.
import { describe, expect, it } from 'vitest';
import { firstImageOperand } from '../../src/models/python/qemuImg.js';

describe('firstImageOperand', () => {
  it('skips options and their values after the subcommand', () => {
    expect(firstImageOperand(['qemu-img', 'convert', '-O', null, null, null])).toBe(4);
    expect(firstImageOperand([null, 'qemu-img', 'convert', '-t', 'none', '-O', 'raw', null, null])).toBe(7);
    expect(firstImageOperand(['env', 'LC_ALL=C', 'qemu-img', 'resize', '--shrink', null, null])).toBe(5);
  });

  it('finds none without the program or an operand, or when the subcommand is not literal', () => {
    expect(firstImageOperand(['dd', null])).toBe(-1);
    expect(firstImageOperand(['qemu-img', 'convert', '-O', null])).toBe(-1);
    expect(firstImageOperand(['qemu-img', null, null])).toBe(-1);
  });
});
