// The nodes of a cluster (SPEC §8): which node holds which change readers and bus partitions.
import { api } from './api.js';
import { fill, h, table, time } from './dom.js';

export function clusterPage(main) {
  const list = h('div', { id: 'nodes' }, h('p', {}, 'Loading the nodes…'));
  fill(main, h('h1', {}, 'Cluster'), list);
  let timer = null;

  async function load() {
    try {
      const cluster = await api('GET', '/cluster');
      const columns = [{ label: 'Node' }, { label: 'Address' }, { label: 'Last heartbeat' }, { label: 'Change readers' }, { label: 'Partitions' }];
      const rows = cluster.nodes.map((n) => [n.id, n.address, time(n.lastHeartbeat),
        (n.readers || []).map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join(', ') || '–',
        Object.entries(n.partitions || {}).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`).join('; ') || '–']);
      fill(list, table('Nodes sharing this service\'s store and bus', columns, rows));
    } catch (e) {
      fill(list, h('p', { class: 'alert', role: 'alert' }, e.message));
    }
    timer = setTimeout(load, 5000);
  }

  load();
  return () => clearTimeout(timer);
}
