// Which segments of a segmented pack (fileCache.ts SealedPack) a run folds its new entries into, when there are
// already as many as the pack keeps. Size-tiered, as log-structured stores compact: the smallest segments first, and
// a segment only while it is no larger than what is being folded so far (plus as many as the limit requires), so a
// byte is rewritten a few times over the pack's life instead of the whole pack every ninth run. Pure: the caller
// reads and writes the files.

export interface SegmentFile { name: string; bytes: number }

/**
 * The names of the segments to fold with `freshBytes` of new entries so that at most `max` segments remain, the one
 * written included; none while there is room for one more. Ties in size go by name, so the choice is deterministic.
 */
export function segmentsToFold(segments: readonly SegmentFile[], freshBytes: number, max: number): string[] {
  const needed = segments.length + 1 - max;
  if (needed <= 0) return [];
  const bySize = [...segments].sort((a, b) => a.bytes - b.bytes || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const fold: string[] = [];
  let bytes = freshBytes;
  for (const s of bySize) {
    if (fold.length >= needed && s.bytes > bytes) break;
    fold.push(s.name);
    bytes += s.bytes;
  }
  return fold;
}
