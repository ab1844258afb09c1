// Tables looked up with names taken from the reviewed code. An object literal also answers `constructor`,
// `toString`, `hasOwnProperty` or `__proto__` from Object.prototype, so a Python call `constructor(1)` looked like a
// listed key generator and failed the rule. A lookup table answers only its own entries.
export function lookupTable<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
