// Maximum-weight assignment in a bipartite graph with right-side capacities: each left node
// takes at most one right node, right node r at most capacities[r] left nodes, and the total
// weight of the chosen edges is as large as possible. Left nodes may stay unassigned, so it is
// maximum weight, not maximum cardinality. Nothing here knows about mentors.
//
// Method: min-cost flow by successive shortest paths with potentials (Dijkstra on reduced
// costs), adding one left node at a time. Network: each left node has a supply of 1 and sends
// it to the sink t either through a right node (cost -weight, then right -> t with capacity
// c_r) or straight to t (cost 0: stays unassigned). After each left node the flow is a
// min-cost flow for the nodes added so far, so after the last one it is optimal. Dijkstra
// stops at t; only nodes it settled move their potential, which keeps reduced costs
// non-negative and each step proportional to the part of the graph it touches.
//
// The result carries an LP dual (one value per left and right node) that certifies
// optimality: every edge has leftDual + rightDual >= weight, and the dual objective
// sum(leftDual) + sum(capacity × rightDual) equals the total. Cohort matching uses it to
// solve on a pruned graph and prove that the edges left out could not improve the total.
//
// Warm start: addEdges() adds edges to a solved graph and re-routes only the left nodes whose
// new edges have a negative reduced cost (each gives its unit back along a shortest path, then
// is added again), keeping the flow and potentials, so the result and certificate stay exact.
//
// Exact for integer weights (any safe integers); with fractional weights, up to rounding.
// Deterministic: edges are put in canonical order (left, then right) first, so the order of
// the input does not change the output; parallel edges keep the heaviest; edges of weight
// <= 0 can never help a maximum and are dropped.
import type { ProgressCallback } from './types.ts';

export interface AssignmentGraph {
  /** Number of left nodes, numbered 0 … left - 1. */
  left: number;
  /** Capacity of each right node; its length is the number of right nodes. */
  capacities: readonly number[];
  /** [left, right, weight]. */
  edges: readonly (readonly [number, number, number])[];
}

/** The same graph as columns, for millions of edges without one array per edge. */
export interface AssignmentColumns {
  left: number;
  capacities: ArrayLike<number>;
  edgeLeft: Int32Array;
  edgeRight: Int32Array;
  edgeWeight: Float64Array;
}

export interface Assignment {
  /** [left, right], sorted by left. */
  pairs: [number, number][];
  total: number;
  /** An optimal LP dual: the certificate described above. */
  duals: { left: number[]; right: number[] };
}

export interface AssignmentOptions {
  onProgress?: ProgressCallback;
}

/** A binary min-heap of (key, node); equal keys pop the smaller node first. */
class NodeHeap {
  private keys = new Float64Array(1024);
  private nodes = new Int32Array(1024);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  private less(i: number, key: number, node: number): boolean {
    const k = this.keys[i]!;
    return k < key || (k === key && this.nodes[i]! < node);
  }

  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      this.nodes = nodes;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.less(parent, key, node)) break;
      this.keys[i] = this.keys[parent]!;
      this.nodes[i] = this.nodes[parent]!;
      i = parent;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
  }

  topKey(): number {
    return this.keys[0]!;
  }

  /** Removes the smallest; read topKey() first. */
  pop(): number {
    const node = this.nodes[0]!;
    this.size -= 1;
    if (this.size === 0) return node;
    const key = this.keys[this.size]!;
    const last = this.nodes[this.size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.less(child + 1, this.keys[child]!, this.nodes[child]!)) child += 1;
      if (!this.less(child, key, last)) break;
      this.keys[i] = this.keys[child]!;
      this.nodes[i] = this.nodes[child]!;
      i = child;
    }
    this.keys[i] = key;
    this.nodes[i] = last;
    return node;
  }
}

/**
 * The same interface for integer keys that never fall below the last key taken (Dijkstra with
 * integer reduced costs): keys within BUCKETS of the smallest go to buckets, one stack each
 * (last in, first out: among equal keys the newest goes first, which walks plateaus of equal
 * distance depth-first and reaches a free place sooner), larger keys to a binary heap.
 */
const BUCKETS = 256;
class BucketQueue {
  private head = new Int32Array(BUCKETS).fill(-1);
  private entryNode = new Int32Array(1024);
  private entryNext = new Int32Array(1024);
  private free = 0;
  private base = 0;
  private cursor = 0;
  private readonly overflow = new NodeHeap();
  size = 0;

  clear(): void {
    if (this.size > 0 || this.free > 0) this.head.fill(-1);
    this.size = 0;
    this.free = 0;
    this.base = 0;
    this.cursor = 0;
    this.overflow.clear();
  }

  push(key: number, node: number): void {
    this.size += 1;
    const slot = key - this.base;
    if (slot >= BUCKETS) {
      this.overflow.push(key, node);
      return;
    }
    this.toBucket(slot < this.cursor ? this.cursor : slot, node);
  }

  private toBucket(slot: number, node: number): void {
    if (this.free === this.entryNode.length) {
      const nodes = new Int32Array(this.free * 2);
      nodes.set(this.entryNode);
      this.entryNode = nodes;
      const next = new Int32Array(this.free * 2);
      next.set(this.entryNext);
      this.entryNext = next;
    }
    const entry = this.free++;
    this.entryNode[entry] = node;
    this.entryNext[entry] = this.head[slot]!;
    this.head[slot] = entry;
  }

  /** Moves the cursor to the smallest key (buckets refilled from the heap when all are empty). */
  private settle(): void {
    while (this.cursor < BUCKETS && this.head[this.cursor] === -1) this.cursor += 1;
    if (this.cursor < BUCKETS) return;
    // Every bucket empty: start again at the heap's smallest key.
    this.head.fill(-1);
    this.free = 0;
    this.base = this.overflow.topKey();
    this.cursor = 0;
    while (this.overflow.size > 0 && this.overflow.topKey() - this.base < BUCKETS) {
      const slot = this.overflow.topKey() - this.base;
      this.toBucket(slot, this.overflow.pop());
    }
  }

  topKey(): number {
    this.settle();
    return this.base + this.cursor;
  }

  /** Removes the smallest; read topKey() first. */
  pop(): number {
    this.settle();
    const entry = this.head[this.cursor]!;
    this.head[this.cursor] = this.entryNext[entry]!;
    this.size -= 1;
    return this.entryNode[entry]!;
  }
}

function checkCount(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`assignment: ${what} must be a non-negative integer, got ${value}.`);
  return value;
}

function integral(weights: Float64Array): boolean {
  for (let e = 0; e < weights.length; e++) {
    const w = weights[e]!;
    if (!Number.isInteger(w) || w > 2 ** 30) return false;
  }
  return true;
}

/**
 * Edges in canonical order: by left, then by right; parallel edges keep the heaviest; edges of
 * weight <= 0 dropped. Left u's edges are edgeRight/edgeWeight[edgeStart[u] … edgeStart[u + 1]).
 */
function canonicalEdges(
  n: number,
  m: number,
  edgeLeftIn: ArrayLike<number>,
  edgeRightIn: ArrayLike<number>,
  edgeWeightIn: ArrayLike<number>,
): { edgeStart: Int32Array; edgeRight: Int32Array; edgeWeight: Float64Array } {
  // Counting sort by left, then each left's edges by right (packed keys).
  const count = edgeLeftIn.length;
  if (edgeRightIn.length !== count || edgeWeightIn.length !== count) {
    throw new RangeError('assignment: edge columns differ in length.');
  }
  if (count >= 2 ** 26 || m >= 2 ** 26) throw new RangeError('assignment: at most 2^26 edges and 2^26 right nodes.');
  const start = new Int32Array(n + 1);
  for (let e = 0; e < count; e++) {
    const u = edgeLeftIn[e]!;
    const r = edgeRightIn[e]!;
    const w = edgeWeightIn[e]!;
    if (u < 0 || u >= n || r < 0 || r >= m) throw new RangeError(`assignment: edge ${e} (${u}, ${r}) is outside the graph.`);
    if (!Number.isFinite(w)) throw new RangeError(`assignment: edge ${e} has weight ${w}.`);
    if (w > 0) start[u + 1]! += 1;
  }
  for (let u = 0; u < n; u++) start[u + 1]! += start[u]!;
  const fill = start.slice(0, n);
  const keys = new Float64Array(start[n]!);
  for (let e = 0; e < count; e++) {
    if (!(edgeWeightIn[e]! > 0)) continue;
    const u = edgeLeftIn[e]!;
    keys[fill[u]!++] = edgeRightIn[e]! * 2 ** 26 + e; // right first, then input position
  }
  const edgeStart = new Int32Array(n + 1);
  const edgeRight = new Int32Array(keys.length);
  const edgeWeight = new Float64Array(keys.length);
  let kept = 0;
  for (let u = 0; u < n; u++) {
    const segment = keys.subarray(start[u]!, start[u + 1]!);
    segment.sort();
    edgeStart[u] = kept;
    for (let i = 0; i < segment.length; i++) {
      const key = segment[i]!;
      const r = Math.floor(key / 2 ** 26);
      const w = edgeWeightIn[key - r * 2 ** 26]!;
      if (kept > edgeStart[u]! && edgeRight[kept - 1] === r) {
        if (w > edgeWeight[kept - 1]!) edgeWeight[kept - 1] = w; // parallel edge: keep the heaviest
        continue;
      }
      edgeRight[kept] = r;
      edgeWeight[kept] = w;
      kept += 1;
    }
  }
  edgeStart[n] = kept;
  return { edgeStart, edgeRight: edgeRight.subarray(0, kept), edgeWeight: edgeWeight.subarray(0, kept) };
}

/**
 * Solves step by step, so a caller can report progress or yield to the event loop between
 * steps: `step(n)` adds up to n more left nodes; `result()` once `finished`.
 */
export class AssignmentSolver {
  readonly leftCount: number;
  readonly rightCount: number;
  private readonly sink: number;
  // Edges of left u are edgeRight/edgeWeight[edgeStart[u] … edgeStart[u + 1]), by right.
  private edgeStart: Int32Array;
  private edgeRight: Int32Array;
  private edgeWeight: Float64Array;
  // Warm start (addEdges): edges whose reduced cost is negative until their left node is
  // re-routed (skipped by every search meanwhile), and the same edges by right node.
  private pending: Uint8Array;
  private columnStart = new Int32Array(0);
  private columnLeft = new Int32Array(0);
  private columnEdge = new Int32Array(0);
  private readonly capacity: Int32Array;
  private readonly load: Int32Array;
  private readonly assignedRight: Int32Array;
  private readonly assignedWeight: Float64Array;
  // Left nodes on each right node, as doubly linked lists.
  private readonly firstOnRight: Int32Array;
  private readonly nextOnRight: Int32Array;
  private readonly prevOnRight: Int32Array;
  private readonly potential: Float64Array;
  // Dijkstra scratch, reset by stamps instead of clearing.
  private readonly distance: Float64Array;
  private readonly reached: Uint32Array;
  private readonly settled: Uint32Array;
  private readonly previous: Int32Array;
  private readonly previousEdge: Int32Array;
  private readonly settledNodes: Int32Array;
  // Integer weights (the cohort's scores) give integer distances: buckets instead of a heap.
  private heap: NodeHeap | BucketQueue = new NodeHeap();
  private stamp = 0;
  private added = 0;

  constructor(graph: AssignmentColumns) {
    const n = checkCount(graph.left, 'left');
    const m = graph.capacities.length;
    this.leftCount = n;
    this.rightCount = m;
    this.sink = n + m;
    this.capacity = new Int32Array(m);
    for (let r = 0; r < m; r++) this.capacity[r] = checkCount(graph.capacities[r]!, `capacities[${r}]`);

    const csr = canonicalEdges(n, m, graph.edgeLeft, graph.edgeRight, graph.edgeWeight);
    this.edgeStart = csr.edgeStart;
    this.edgeRight = csr.edgeRight;
    this.edgeWeight = csr.edgeWeight;
    this.pending = new Uint8Array(csr.edgeRight.length);
    this.heap = integral(csr.edgeWeight) ? new BucketQueue() : new NodeHeap();

    this.load = new Int32Array(m);
    this.assignedRight = new Int32Array(n).fill(-1);
    this.assignedWeight = new Float64Array(n);
    this.firstOnRight = new Int32Array(m).fill(-1);
    this.nextOnRight = new Int32Array(n).fill(-1);
    this.prevOnRight = new Int32Array(n).fill(-1);
    const nodes = n + m + 1;
    this.potential = new Float64Array(nodes);
    this.distance = new Float64Array(nodes);
    this.reached = new Uint32Array(nodes);
    this.settled = new Uint32Array(nodes);
    this.previous = new Int32Array(nodes);
    this.previousEdge = new Int32Array(nodes);
    this.settledNodes = new Int32Array(nodes);
  }

  get edgeCount(): number {
    return this.edgeRight.length;
  }

  get finished(): boolean {
    return this.added === this.leftCount;
  }

  /** 0–100: the share of left nodes added so far. */
  get progress(): number {
    return this.leftCount === 0 ? 100 : (100 * this.added) / this.leftCount;
  }

  /** Adds up to `maxLeft` more left nodes; true when every left node has been added. */
  step(maxLeft = Number.POSITIVE_INFINITY): boolean {
    for (let i = 0; i < maxLeft && this.added < this.leftCount; i++) this.addLeft(this.added++);
    return this.finished;
  }

  result(): Assignment {
    if (!this.finished) throw new Error('assignment: result() before every left node was added.');
    const pairs: [number, number][] = [];
    let total = 0;
    const sinkPotential = this.potential[this.sink]!;
    const right: number[] = [];
    for (let r = 0; r < this.rightCount; r++) {
      right.push(Math.max(0, sinkPotential - this.potential[this.leftCount + r]!));
    }
    const left: number[] = [];
    for (let u = 0; u < this.leftCount; u++) {
      const r = this.assignedRight[u]!;
      if (r < 0) {
        left.push(0);
        continue;
      }
      const w = this.assignedWeight[u]!;
      pairs.push([u, r]);
      total += w;
      left.push(w - right[r]!);
    }
    return { pairs, total, duals: { left, right } };
  }

  /**
   * Warm start: adds edges to a solved graph and restores the optimum without solving again.
   * The flow and potentials stay; an added edge whose reduced cost is negative (it could raise
   * the total) marks its left node, and each marked left node, in index order, gives its unit
   * back along a shortest path (the reverse search below) and is added again with all its edges,
   * as in step(). Edges of marked nodes not yet re-added are left out of every search meanwhile,
   * so reduced costs stay non-negative on every edge searched and the result is exact, with the
   * same certificate. Canonical order as in the constructor; a parallel edge keeps the heaviest.
   * Returns how many left nodes were re-added.
   */
  addEdges(edges: { edgeLeft: ArrayLike<number>; edgeRight: ArrayLike<number>; edgeWeight: ArrayLike<number> }): number {
    if (!this.finished) throw new Error('assignment: addEdges() before every left node was added.');
    const n = this.leftCount;
    const m = this.rightCount;
    const old = this.edgeRight.length;
    const added = edges.edgeLeft.length;
    const edgeLeft = new Int32Array(old + added);
    const edgeRight = new Int32Array(old + added);
    const edgeWeight = new Float64Array(old + added);
    for (let u = 0; u < n; u++) edgeLeft.fill(u, this.edgeStart[u]!, this.edgeStart[u + 1]!);
    edgeRight.set(this.edgeRight);
    edgeWeight.set(this.edgeWeight);
    for (let e = 0; e < added; e++) {
      const u = edges.edgeLeft[e]!;
      const r = edges.edgeRight[e]!;
      if (!Number.isInteger(u) || !Number.isInteger(r)) throw new RangeError(`assignment: edge ${e} has non-integer ends (${u}, ${r}).`);
      edgeLeft[old + e] = u;
      edgeRight[old + e] = r;
      edgeWeight[old + e] = edges.edgeWeight[e]!;
    }
    const csr = canonicalEdges(n, m, edgeLeft, edgeRight, edgeWeight);
    this.edgeStart = csr.edgeStart;
    this.edgeRight = csr.edgeRight;
    this.edgeWeight = csr.edgeWeight;
    this.pending = new Uint8Array(csr.edgeRight.length);
    if (!integral(csr.edgeWeight)) this.heap = new NodeHeap();

    // Edges by right node, for the reverse search.
    const columnStart = new Int32Array(m + 1);
    for (let e = 0; e < csr.edgeRight.length; e++) columnStart[csr.edgeRight[e]! + 1]! += 1;
    for (let r = 0; r < m; r++) columnStart[r + 1]! += columnStart[r]!;
    const columnFill = columnStart.slice(0, m);
    const columnLeft = new Int32Array(csr.edgeRight.length);
    const columnEdge = new Int32Array(csr.edgeRight.length);
    for (let u = 0; u < n; u++) {
      for (let e = csr.edgeStart[u]!; e < csr.edgeStart[u + 1]!; e++) {
        const at = columnFill[csr.edgeRight[e]!]!++;
        columnLeft[at] = u;
        columnEdge[at] = e;
      }
    }
    this.columnStart = columnStart;
    this.columnLeft = columnLeft;
    this.columnEdge = columnEdge;

    // Mark: an edge with negative reduced cost, or the left node's own edge grown heavier.
    const potential = this.potential;
    const dirty: number[] = [];
    for (let u = 0; u < n; u++) {
      const own = this.assignedRight[u]!;
      let marked = false;
      for (let e = csr.edgeStart[u]!; e < csr.edgeStart[u + 1]!; e++) {
        const r = csr.edgeRight[e]!;
        const w = csr.edgeWeight[e]!;
        if (r === own ? w !== this.assignedWeight[u]! : -w + potential[u]! - potential[n + r]! < 0) {
          this.pending[e] = 1;
          marked = true;
        }
      }
      if (marked) dirty.push(u);
    }
    for (const u of dirty) {
      this.removeLeft(u);
      this.pending.fill(0, this.edgeStart[u]!, this.edgeStart[u + 1]!);
      this.addLeft(u);
    }
    return dirty.length;
  }

  /**
   * Takes u's unit out of the flow at least cost: the shortest residual path from the sink
   * back to u, found from u over reversed edges (so no search fans out of the sink). The flow
   * stays a min-cost flow for the other left nodes and u has no flow left: its potential is free.
   */
  private removeLeft(u: number): void {
    const own = this.assignedRight[u]!;
    if (own < 0) return; // unassigned: its unit went straight to the sink
    const n = this.leftCount;
    const sink = this.sink;
    const potential = this.potential;
    const distance = this.distance;
    const reached = this.reached;
    const settled = this.settled;
    this.stamp += 1;
    const stamp = this.stamp;
    const heap = this.heap;
    heap.clear();
    let settledCount = 0;
    this.relax(u, 0, -1, -1);
    let found = 0;
    while (heap.size > 0) {
      const key = heap.topKey();
      if (reached[sink] === stamp && distance[sink]! <= key) {
        settled[sink] = stamp;
        this.settledNodes[settledCount++] = sink;
        found = distance[sink]!;
        break;
      }
      const x = heap.pop();
      if (settled[x] === stamp || key > distance[x]!) continue;
      settled[x] = stamp;
      this.settledNodes[settledCount++] = x;
      if (x === sink) {
        found = key;
        break;
      }
      const px = potential[x]!;
      if (x < n) {
        // Into x: from its right node (x leaves it), or from the sink when x is unassigned.
        const r = this.assignedRight[x]!;
        if (r >= 0) this.relax(n + r, Math.max(key, key + this.assignedWeight[x]! + potential[n + r]! - px), x, -1);
        else this.relax(sink, Math.max(key, key + potential[sink]! - px), x, -1);
      } else {
        // Into right r: an edge of another left node (it joins r), or the sink (r loses a unit).
        const r = x - n;
        if (this.load[r]! > 0) this.relax(sink, Math.max(key, key + potential[sink]! - px), x, -1);
        const columnEdge = this.columnEdge;
        const columnLeft = this.columnLeft;
        const pending = this.pending;
        const assignedRight = this.assignedRight;
        const edgeWeight = this.edgeWeight;
        for (let k = this.columnStart[r]!, last = this.columnStart[r + 1]!; k < last; k++) {
          const v = columnLeft[k]!;
          if (settled[v] === stamp) continue;
          const e = columnEdge[k]!;
          if (pending[e] === 1 || assignedRight[v] === r) continue;
          let next = key - edgeWeight[e]! + potential[v]! - px;
          if (next < key) next = key;
          if (reached[v] === stamp && next >= distance[v]!) continue;
          reached[v] = stamp;
          distance[v] = next;
          this.previous[v] = x;
          this.previousEdge[v] = e;
          heap.push(next, v);
        }
      }
    }
    for (let i = 0; i < settledCount; i++) {
      const x = this.settledNodes[i]!;
      potential[x]! += found - distance[x]!;
    }
    // The path from the sink to u: each left node on it joins the right node it was reached from.
    const moves: number[] = [];
    for (let x = this.previous[sink]!; x !== u; x = this.previous[x]!) {
      if (x < n) moves.push(x, this.previous[x]! - n, this.previousEdge[x]!);
    }
    this.unassign(u);
    for (let k = 0; k < moves.length; k += 3) this.unassign(moves[k]!);
    for (let k = 0; k < moves.length; k += 3) this.assign(moves[k]!, moves[k + 1]!, this.edgeWeight[moves[k + 2]!]!);
  }

  private assign(u: number, r: number, w: number): void {
    this.assignedRight[u] = r;
    this.assignedWeight[u] = w;
    const head = this.firstOnRight[r]!;
    this.nextOnRight[u] = head;
    this.prevOnRight[u] = -1;
    if (head >= 0) this.prevOnRight[head] = u;
    this.firstOnRight[r] = u;
    this.load[r]! += 1;
  }

  private unassign(u: number): void {
    const r = this.assignedRight[u]!;
    if (r < 0) return;
    const next = this.nextOnRight[u]!;
    const prev = this.prevOnRight[u]!;
    if (prev >= 0) this.nextOnRight[prev] = next;
    else this.firstOnRight[r] = next;
    if (next >= 0) this.prevOnRight[next] = prev;
    this.assignedRight[u] = -1;
    this.load[r]! -= 1;
  }

  private relax(node: number, key: number, from: number, edge: number): void {
    if (this.settled[node] === this.stamp) return;
    if (this.reached[node] === this.stamp && key >= this.distance[node]!) return;
    this.reached[node] = this.stamp;
    this.distance[node] = key;
    this.previous[node] = from;
    this.previousEdge[node] = edge;
    this.heap.push(key, node);
  }

  private addLeft(u: number): void {
    const n = this.leftCount;
    const sink = this.sink;
    const potential = this.potential;
    const start = this.edgeStart[u]!;
    const end = this.edgeStart[u + 1]!;
    // u has no incoming residual edge yet, so its potential is free: make its edges non-negative.
    let pu = potential[sink]!;
    for (let e = start; e < end; e++) pu = Math.max(pu, this.edgeWeight[e]! + potential[n + this.edgeRight[e]!]!);
    potential[u] = pu;
    if (end === start) return; // no edge: stays unassigned, nothing moves

    this.stamp += 1;
    const stamp = this.stamp;
    const heap = this.heap;
    heap.clear();
    let settledCount = 0;
    this.relax(u, 0, -1, -1);
    let found = -1;
    // The search below is the hot loop of every solve: arrays in locals, relax written out.
    const distance = this.distance;
    const reached = this.reached;
    const settled = this.settled;
    const settledNodes = this.settledNodes;
    const previous = this.previous;
    const previousEdge = this.previousEdge;
    const edgeStart = this.edgeStart;
    const edgeRight = this.edgeRight;
    const edgeWeight = this.edgeWeight;
    const pending = this.pending;
    const assignedRight = this.assignedRight;
    const assignedWeight = this.assignedWeight;
    const firstOnRight = this.firstOnRight;
    const nextOnRight = this.nextOnRight;
    const load = this.load;
    const capacity = this.capacity;
    while (heap.size > 0) {
      const key = heap.topKey();
      // Weights are small integers, so many nodes tie at the sink's distance: settle the sink
      // first among equals instead of exploring every tie (same distance, same potentials).
      if (reached[sink] === stamp && distance[sink]! <= key) {
        settled[sink] = stamp;
        settledNodes[settledCount++] = sink;
        found = distance[sink]!;
        break;
      }
      const x = heap.pop();
      if (settled[x] === stamp || key > distance[x]!) continue;
      settled[x] = stamp;
      settledNodes[settledCount++] = x;
      if (x === sink) {
        found = key;
        break;
      }
      const px = potential[x]!;
      if (x < n) {
        // A left node may drop out (go straight to t); every reached left node but u is assigned.
        this.relax(sink, Math.max(key, key + px - potential[sink]!), x, -1);
        const own = assignedRight[x]!;
        for (let e = edgeStart[x]!, last = edgeStart[x + 1]!; e < last; e++) {
          const node = n + edgeRight[e]!;
          if (settled[node] === stamp || node === n + own || pending[e] === 1) continue;
          let next = key - edgeWeight[e]! + px - potential[node]!;
          if (next < key) next = key;
          if (reached[node] === stamp && next >= distance[node]!) continue;
          reached[node] = stamp;
          distance[node] = next;
          previous[node] = x;
          previousEdge[node] = e;
          heap.push(next, node);
        }
      } else {
        const r = x - n;
        if (load[r]! < capacity[r]!) this.relax(sink, Math.max(key, key + px - potential[sink]!), x, -1);
        for (let v = firstOnRight[r]!; v >= 0; v = nextOnRight[v]!) {
          if (settled[v] === stamp) continue;
          let next = key + assignedWeight[v]! + px - potential[v]!;
          if (next < key) next = key;
          if (reached[v] === stamp && next >= distance[v]!) continue;
          reached[v] = stamp;
          distance[v] = next;
          previous[v] = x;
          previousEdge[v] = -1;
          heap.push(next, v);
        }
      }
    }
    // Settled nodes move by (distance - found); the rest would all move by 0 after the same shift.
    for (let i = 0; i < settledCount; i++) {
      const x = this.settledNodes[i]!;
      potential[x]! += this.distance[x]! - found;
    }

    // Walk the path back from t: the last left node either drops out or the last right gains one.
    let x = this.previous[sink]!;
    if (x < n) {
      if (x === u) return; // cheapest is to leave u unassigned
      const from = this.previous[x]!;
      this.unassign(x);
      x = from;
    }
    for (;;) {
      const r = x - n;
      const v = this.previous[x]!;
      const w = this.edgeWeight[this.previousEdge[x]!]!;
      const from = this.previous[v]!;
      this.unassign(v);
      this.assign(v, r, w);
      if (v === u) return;
      x = from;
    }
  }
}

function runWithProgress(solver: AssignmentSolver, onProgress: ProgressCallback | undefined): Assignment {
  if (onProgress === undefined) {
    solver.step();
    return solver.result();
  }
  let reported = -1;
  const chunk = Math.max(1, Math.ceil(solver.leftCount / 100));
  while (!solver.step(chunk)) {
    const percent = Math.floor(solver.progress);
    if (percent !== reported) onProgress((reported = percent));
  }
  onProgress(100);
  return solver.result();
}

/** The maximum-weight assignment of the graph, with its optimality certificate. */
export function maxWeightAssignment(graph: AssignmentGraph, options: AssignmentOptions = {}): Assignment {
  const count = graph.edges.length;
  const edgeLeft = new Int32Array(count);
  const edgeRight = new Int32Array(count);
  const edgeWeight = new Float64Array(count);
  for (let e = 0; e < count; e++) {
    const [u, r, w] = graph.edges[e]!;
    if (!Number.isInteger(u) || !Number.isInteger(r)) throw new RangeError(`assignment: edge ${e} has non-integer ends (${u}, ${r}).`);
    edgeLeft[e] = u;
    edgeRight[e] = r;
    edgeWeight[e] = w;
  }
  const solver = new AssignmentSolver({ left: graph.left, capacities: graph.capacities, edgeLeft, edgeRight, edgeWeight });
  return runWithProgress(solver, options.onProgress);
}

/** The same over columns (see AssignmentColumns). */
export function maxWeightAssignmentColumns(graph: AssignmentColumns, options: AssignmentOptions = {}): Assignment {
  return runWithProgress(new AssignmentSolver(graph), options.onProgress);
}

/**
 * Checks a certificate: every edge covered by its duals and the dual objective equal to the
 * total. True proves the assignment optimal for these edges (LP duality; the bipartite
 * constraint matrix is totally unimodular). `tolerance` is for fractional weights.
 */
export function isCertifiedOptimal(graph: AssignmentGraph, assignment: Assignment, tolerance = 0): boolean {
  const { left, right } = assignment.duals;
  if (left.some((y) => y < -tolerance) || right.some((z) => z < -tolerance)) return false;
  for (const [u, r, w] of graph.edges) {
    if (w > 0 && left[u]! + right[r]! < w - tolerance) return false;
  }
  let objective = left.reduce((sum, y) => sum + y, 0);
  for (let r = 0; r < graph.capacities.length; r++) objective += graph.capacities[r]! * right[r]!;
  return Math.abs(objective - assignment.total) <= tolerance * (1 + graph.edges.length);
}
