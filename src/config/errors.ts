// A mistake in how pillar was called or configured: reported plainly and exits with code 2.
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
