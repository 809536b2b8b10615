// The layout, computed once per graph in a web worker: ForceAtlas2 (graphology's) from seeded
// starting positions, a fixed number of iterations, so the same graph always gets the same picture.
import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";

self.onmessage = (event) => {
  const { nodes, x, y, edges, iterations } = event.data;
  const graph = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
  nodes.forEach((id, i) => graph.addNode(id, { x: x[i], y: y[i] }));
  for (let i = 0; i < edges.length; i += 2) {
    const s = nodes[edges[i]], t = nodes[edges[i + 1]];
    if (s !== t && !graph.hasEdge(s, t)) graph.addEdge(s, t);
  }
  const settings = forceAtlas2.inferSettings(graph);
  settings.barnesHutOptimize = graph.order > 1500;
  settings.adjustSizes = false;
  const step = Math.max(1, Math.floor(iterations / 10));
  for (let done = 0; done < iterations; done += step) {
    forceAtlas2.assign(graph, { iterations: Math.min(step, iterations - done), settings });
    self.postMessage({ progress: Math.min(1, (done + step) / iterations) });
  }
  const outX = new Float64Array(nodes.length), outY = new Float64Array(nodes.length);
  nodes.forEach((id, i) => { outX[i] = graph.getNodeAttribute(id, "x"); outY[i] = graph.getNodeAttribute(id, "y"); });
  self.postMessage({ x: outX, y: outY }, [outX.buffer, outY.buffer]);
};
