// A small seeded random source for the demo data: the same seed always gives the same data
// set, so screenshots, bug reports and benchmarks talk about the same people.
// mulberry32 for the stream; murmur3's finaliser for derived seeds and ids.

/** A weighted choice: [value, weight]; weights need not add up to anything. */
export type Weighted<T> = readonly (readonly [T, number])[];

/** murmur3 fmix32: a bijection on 32-bit integers that mixes every bit into every other. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashLabel(seed: number, label: string): number {
  let h = mix32(seed ^ 0x9e3779b9);
  for (let i = 0; i < label.length; i++) h = mix32(h ^ Math.imul(label.charCodeAt(i), 0x01000193));
  return h;
}

function hex8(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

export class Random {
  readonly seed: number;
  private state: number;
  private idCounter = 0;

  constructor(seed: number) {
    this.seed = seed >>> 0;
    this.state = this.seed;
  }

  /** An independent stream for one part of the data, so adding mentors does not reshuffle events. */
  fork(label: string): Random {
    return new Random(hashLabel(this.seed, label));
  }

  /** Uniform in [0, 1). mulberry32. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Real number in [min, max). */
  real(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  weighted<T>(choices: Weighted<T>): T {
    let total = 0;
    for (const [, weight] of choices) total += weight;
    if (!(total > 0)) throw new RangeError('weighted pick needs a positive total weight');
    let roll = this.next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }

  /** A new array in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }

  /** `count` distinct items (fewer if the list is shorter), in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = items.slice();
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  }

  /**
   * A v4-shaped UUID derived from this stream's seed and a counter (not from the stream, so
   * ids do not shift the other draws). Distinct within a stream: the first word is a bijection
   * of the counter.
   */
  uuid(): string {
    const counter = this.idCounter++;
    const base = mix32(this.seed ^ 0x5bd1e995);
    const a = mix32(base + counter);
    const b = mix32(a ^ 0x68e31da4);
    const c = mix32(b ^ 0xb5297a4d);
    const d = mix32(c ^ 0x1b56c4e9);
    const bHex = hex8(b);
    const cHex = hex8(c);
    return [
      hex8(a),
      bHex.slice(0, 4),
      `4${bHex.slice(5, 8)}`,
      `${(8 | (parseInt(cHex[0]!, 16) & 3)).toString(16)}${cHex.slice(1, 4)}`,
      `${cHex.slice(4, 8)}${hex8(d)}`,
    ].join('-');
  }
}
