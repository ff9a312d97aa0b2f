// The one cache of the service: answers that are costly to compute again (ICU formatters, zone
// names, parsers) kept for the life of an instance, never state. Bounded, because hostile input
// must not grow it without limit: when full it is emptied and fills again.

export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): V {
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }

  /** The kept answer for `key`, or `compute`'s, kept. */
  getOr(key: K, compute: (key: K) => V): V {
    const kept = this.entries.get(key);
    return kept !== undefined || this.entries.has(key) ? (kept as V) : this.set(key, compute(key));
  }
}
