// The nodes of a cluster (SPEC §8) from GET /api/v1/cluster: each node's heartbeat, whether it is
// live, the change readers (<profile>/<entity>) and profiles it leads, its bus partitions per
// profile; then the leases the nodes hold. Shown only when that route answers 200 (a cluster).
import { api } from './api.js';
import { badge, fill, h, table, time } from './dom.js';

const REFRESH_MS = 5000;

export function clusterPage(main) {
  const summary = h('p', { id: 'cluster-summary' });
  const nodes = h('div', { id: 'nodes' }, h('p', {}, 'Loading the nodes…'));
  const leases = h('div', { id: 'leases' });
  fill(main, h('h1', {}, 'Cluster'), summary, h('h2', {}, 'Nodes'), nodes, h('h2', {}, 'Leases'), leases);
  let timer = null;
  let stopped = false;

  async function load() {
    try {
      const cluster = await api('GET', '/cluster');
      if (stopped) return;
      draw(cluster);
    } catch (e) {
      if (stopped) return;
      fill(nodes, h('p', { class: 'alert', role: 'alert' }, e.status === 404 ? 'This service runs as a single node.' : e.message));
    }
    if (!stopped) timer = setTimeout(load, REFRESH_MS);
  }

  function draw(cluster) {
    const live = cluster.nodes.filter((n) => n.live).length;
    fill(summary, `This page is served by node ${cluster.node}. ${live} of ${cluster.nodes.length} node(s) live; `
      + `a lease lasts ${cluster.leaseSeconds} s. As of ${time(cluster.now)}.`);
    const list = (items) => (items && items.length ? items.join(', ') : '–');
    const partitions = (byProfile) => Object.entries(byProfile || {}).map(([profile, p]) => `${profile}: ${list(p)}`).join('; ') || '–';
    fill(nodes, table('Nodes sharing this service\'s store and bus', [
      { label: 'Node' }, { label: 'Address' }, { label: 'State' }, { label: 'Started' }, { label: 'Last heartbeat' },
      { label: 'Change readers' }, { label: 'Leading' }, { label: 'Bus partitions' },
    ], cluster.nodes.map((n) => [n.id, n.address, badge(n.live ? 'live' : 'silent'), time(n.startedAt), time(n.lastHeartbeat),
      list(n.readers), list(n.leading), partitions(n.partitions)]), (i) => ({ 'data-node': cluster.nodes[i].id })));
    fill(leases, cluster.leases.length === 0
      ? h('p', {}, 'No leases.')
      : table('Leases: who holds each reader and profile, with its fencing token', [
        { label: 'Lease' }, { label: 'Holder' }, { label: 'Token', num: true }, { label: 'Expires' }, { label: 'Held' },
      ], cluster.leases.map((l) => [l.name, l.holder || '–', l.token, time(l.expiresAt), l.held ? 'yes' : 'no (lapsed)'])));
  }

  load();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
