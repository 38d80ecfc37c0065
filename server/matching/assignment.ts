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

function checkCount(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`assignment: ${what} must be a non-negative integer, got ${value}.`);
  return value;
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
  private readonly edgeStart: Int32Array;
  private readonly edgeRight: Int32Array;
  private readonly edgeWeight: Float64Array;
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
  private readonly heap = new NodeHeap();
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

    // Canonical order: counting sort by left, then each left's edges by right (packed keys).
    const count = graph.edgeLeft.length;
    if (graph.edgeRight.length !== count || graph.edgeWeight.length !== count) {
      throw new RangeError('assignment: edge columns differ in length.');
    }
    if (count >= 2 ** 26 || m >= 2 ** 26) throw new RangeError('assignment: at most 2^26 edges and 2^26 right nodes.');
    const start = new Int32Array(n + 1);
    for (let e = 0; e < count; e++) {
      const u = graph.edgeLeft[e]!;
      const r = graph.edgeRight[e]!;
      const w = graph.edgeWeight[e]!;
      if (u < 0 || u >= n || r < 0 || r >= m) throw new RangeError(`assignment: edge ${e} (${u}, ${r}) is outside the graph.`);
      if (!Number.isFinite(w)) throw new RangeError(`assignment: edge ${e} has weight ${w}.`);
      if (w > 0) start[u + 1]! += 1;
    }
    for (let u = 0; u < n; u++) start[u + 1]! += start[u]!;
    const fill = start.slice(0, n);
    const keys = new Float64Array(start[n]!);
    for (let e = 0; e < count; e++) {
      if (!(graph.edgeWeight[e]! > 0)) continue;
      const u = graph.edgeLeft[e]!;
      keys[fill[u]!++] = graph.edgeRight[e]! * 2 ** 26 + e; // right first, then input position
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
        const w = graph.edgeWeight[key - r * 2 ** 26]!;
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
    this.edgeStart = edgeStart;
    this.edgeRight = edgeRight.subarray(0, kept);
    this.edgeWeight = edgeWeight.subarray(0, kept);

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
    while (heap.size > 0) {
      const key = heap.topKey();
      const x = heap.pop();
      if (this.settled[x] === stamp || key > this.distance[x]!) continue;
      this.settled[x] = stamp;
      this.settledNodes[settledCount++] = x;
      if (x === sink) {
        found = key;
        break;
      }
      const px = potential[x]!;
      if (x < n) {
        // A left node may drop out (go straight to t); every reached left node but u is assigned.
        this.relax(sink, Math.max(key, key + px - potential[sink]!), x, -1);
        const own = this.assignedRight[x]!;
        for (let e = this.edgeStart[x]!, last = this.edgeStart[x + 1]!; e < last; e++) {
          const r = this.edgeRight[e]!;
          if (r === own) continue;
          const node = n + r;
          this.relax(node, Math.max(key, key - this.edgeWeight[e]! + px - potential[node]!), x, e);
        }
      } else {
        const r = x - n;
        if (this.load[r]! < this.capacity[r]!) this.relax(sink, Math.max(key, key + px - potential[sink]!), x, -1);
        for (let v = this.firstOnRight[r]!; v >= 0; v = this.nextOnRight[v]!) {
          this.relax(v, Math.max(key, key + this.assignedWeight[v]! + px - potential[v]!), x, -1);
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
