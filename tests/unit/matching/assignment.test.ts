import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AssignmentSolver,
  isCertifiedOptimal,
  maxWeightAssignment,
  type Assignment,
  type AssignmentGraph,
} from '../../../server/matching/assignment.ts';

/** Every left node tries "unassigned" and each of its edges, within capacities. */
function bruteForceTotal(graph: AssignmentGraph): number {
  const byLeft: [number, number][][] = Array.from({ length: graph.left }, () => []);
  for (const [u, r, w] of graph.edges) if (w > 0) byLeft[u]!.push([r, w]);
  const load = graph.capacities.map(() => 0);
  let best = 0;
  const visit = (u: number, total: number) => {
    if (u === graph.left) {
      best = Math.max(best, total);
      return;
    }
    visit(u + 1, total);
    for (const [r, w] of byLeft[u]!) {
      if (load[r]! >= graph.capacities[r]!) continue;
      load[r]! += 1;
      visit(u + 1, total + w);
      load[r]! -= 1;
    }
  };
  visit(0, 0);
  return best;
}

function expectFeasible(graph: AssignmentGraph, result: Assignment): void {
  const weight = new Map<string, number>();
  for (const [u, r, w] of graph.edges) weight.set(`${u},${r}`, Math.max(weight.get(`${u},${r}`) ?? -Infinity, w));
  const lefts = new Set<number>();
  const load = graph.capacities.map(() => 0);
  let total = 0;
  for (const [u, r] of result.pairs) {
    expect(lefts.has(u), `left ${u} assigned twice`).toBe(false);
    lefts.add(u);
    const w = weight.get(`${u},${r}`);
    expect(w, `pair ${u},${r} is not an edge`).toBeDefined();
    expect(w!).toBeGreaterThan(0);
    total += w!;
    load[r]! += 1;
  }
  load.forEach((used, r) => expect(used).toBeLessThanOrEqual(graph.capacities[r]!));
  expect(result.total).toBe(total);
}

function graphArb(maxLeft: number, maxRight: number, maxCapacity: number, density = 0.6): fc.Arbitrary<AssignmentGraph> {
  return fc
    .record({
      left: fc.integer({ min: 0, max: maxLeft }),
      capacities: fc.array(fc.integer({ min: 0, max: maxCapacity }), { maxLength: maxRight }),
    })
    .chain(({ left, capacities }) => {
      const slots: [number, number][] = [];
      for (let u = 0; u < left; u++) for (let r = 0; r < capacities.length; r++) slots.push([u, r]);
      const edge = (u: number, r: number) =>
        fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 12 })).map(([roll, w]) =>
          roll < density ? [[u, r, w] as [number, number, number]] : [],
        );
      return fc
        .tuple(...slots.map(([u, r]) => edge(u, r)))
        .map((lists) => ({ left, capacities, edges: lists.flat() }));
    });
}

describe('maxWeightAssignment', () => {
  it('finds the brute-force optimum exactly on small random graphs', () => {
    fc.assert(
      fc.property(graphArb(7, 4, 3), (graph) => {
        const result = maxWeightAssignment(graph);
        expectFeasible(graph, result);
        expect(result.total).toBe(bruteForceTotal(graph));
        expect(isCertifiedOptimal(graph, result)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('carries a dual certificate of optimality on larger random graphs', () => {
    fc.assert(
      fc.property(graphArb(40, 15, 4, 0.3), (graph) => {
        const result = maxWeightAssignment(graph);
        expectFeasible(graph, result);
        expect(isCertifiedOptimal(graph, result)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  // Warm start: solve part of the edges, add the rest in batches (addEdges), compare to cold.
  const warmSolve = (graph: AssignmentGraph, split: number[]): Assignment => {
    const batches: (readonly [number, number, number])[][] = [[], [], []];
    graph.edges.forEach((edge, e) => batches[split[e % split.length]! % 3]!.push(edge));
    const columns = (edges: (readonly [number, number, number])[]) => ({
      edgeLeft: Int32Array.from(edges, (edge) => edge[0]),
      edgeRight: Int32Array.from(edges, (edge) => edge[1]),
      edgeWeight: Float64Array.from(edges, (edge) => edge[2]),
    });
    const solver = new AssignmentSolver({ left: graph.left, capacities: graph.capacities, ...columns(batches[0]!) });
    solver.step();
    solver.addEdges(columns(batches[1]!));
    solver.addEdges(columns(batches[2]!));
    return solver.result();
  };

  it('warm start (addEdges) reaches the brute-force optimum on small random graphs', () => {
    fc.assert(
      fc.property(graphArb(6, 4, 2), fc.array(fc.nat(2), { minLength: 1, maxLength: 7 }), (graph, split) => {
        const result = warmSolve(graph, split);
        expectFeasible(graph, result);
        expect(result.total).toBe(bruteForceTotal(graph));
        expect(isCertifiedOptimal(graph, result)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('warm start (addEdges) gives the cold total and a valid certificate on larger random graphs', () => {
    fc.assert(
      fc.property(graphArb(40, 15, 4, 0.3), fc.array(fc.nat(2), { minLength: 1, maxLength: 9 }), (graph, split) => {
        const result = warmSolve(graph, split);
        expectFeasible(graph, result);
        expect(result.total).toBe(maxWeightAssignment(graph).total);
        expect(isCertifiedOptimal(graph, result)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('warm start handles a heavier parallel edge on an assigned pair', () => {
    const solver = new AssignmentSolver({
      left: 2,
      capacities: [1, 1],
      edgeLeft: Int32Array.from([0, 1]),
      edgeRight: Int32Array.from([0, 0]),
      edgeWeight: Float64Array.from([5, 4]),
    });
    solver.step();
    expect(solver.result().total).toBe(5);
    solver.addEdges({ edgeLeft: [1, 0], edgeRight: [1, 0], edgeWeight: [2, 9] });
    const result = solver.result();
    expect(result.total).toBe(11);
    expect(result.pairs).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('maximises weight, not the number of pairs', () => {
    // Two pairs of 5 + 5 lose to one pair of 11.
    const graph: AssignmentGraph = { left: 2, capacities: [1, 1], edges: [[0, 0, 11], [0, 1, 5], [1, 0, 5]] };
    expect(maxWeightAssignment(graph)).toMatchObject({ pairs: [[0, 0]], total: 11 });
  });

  it('re-routes earlier pairs along augmenting paths', () => {
    const graph: AssignmentGraph = { left: 3, capacities: [1, 2], edges: [[0, 0, 5], [0, 1, 4], [1, 0, 9], [2, 1, 3]] };
    expect(maxWeightAssignment(graph)).toMatchObject({ pairs: [[0, 1], [1, 0], [2, 1]], total: 16 });
  });

  it('gives the same answer whatever the order of the edges, and on every run', () => {
    fc.assert(
      fc.property(
        graphArb(8, 5, 2).chain((graph) => fc.tuple(fc.constant(graph), fc.shuffledSubarray([...graph.edges], { minLength: graph.edges.length }))),
        ([graph, shuffled]) => {
          const first = maxWeightAssignment(graph);
          expect(maxWeightAssignment(graph)).toEqual(first);
          expect(maxWeightAssignment({ ...graph, edges: shuffled })).toEqual(first);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('handles empty graphs, zero capacities, parallel edges and non-positive weights', () => {
    expect(maxWeightAssignment({ left: 0, capacities: [], edges: [] })).toEqual({ pairs: [], total: 0, duals: { left: [], right: [] } });
    expect(maxWeightAssignment({ left: 2, capacities: [0], edges: [[0, 0, 3], [1, 0, 4]] }).pairs).toEqual([]);
    expect(maxWeightAssignment({ left: 1, capacities: [1], edges: [[0, 0, 3], [0, 0, 7], [0, 0, 5]] }).total).toBe(7);
    expect(maxWeightAssignment({ left: 2, capacities: [2], edges: [[0, 0, 0], [1, 0, -4]] }).pairs).toEqual([]);
  });

  it('rejects edges outside the graph and weights that are not numbers', () => {
    expect(() => maxWeightAssignment({ left: 1, capacities: [1], edges: [[1, 0, 1]] })).toThrow(RangeError);
    expect(() => maxWeightAssignment({ left: 1, capacities: [1], edges: [[0, 2, 1]] })).toThrow(RangeError);
    expect(() => maxWeightAssignment({ left: 1, capacities: [1], edges: [[0, 0, Number.NaN]] })).toThrow(RangeError);
    expect(() => maxWeightAssignment({ left: 1, capacities: [-1], edges: [] })).toThrow(RangeError);
  });

  it('reports progress from 0 to 100, never going back', () => {
    const edges: [number, number, number][] = [];
    for (let u = 0; u < 300; u++) for (let r = 0; r < 5; r++) edges.push([u, r, 1 + ((u * 7 + r * 13) % 17)]);
    const seen: number[] = [];
    maxWeightAssignment({ left: 300, capacities: [20, 20, 20, 20, 20] , edges }, { onProgress: (p) => seen.push(p) });
    expect(seen.at(-1)).toBe(100);
    expect(seen.every((p, i) => i === 0 || p >= seen[i - 1]!)).toBe(true);
    expect(seen.length).toBeGreaterThan(10);
  });
});
