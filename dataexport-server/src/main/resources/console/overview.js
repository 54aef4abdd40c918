// The profiles at a glance: state, entities, initial sync, lag, failures and throughput, refreshed
// every few seconds.
import { api } from './api.js';
import { badge, fill, h, number, seconds, table } from './dom.js';

const REFRESH_MS = 5000;

export function overviewPage(main, ctx) {
  const body = h('div', { id: 'overview' }, h('p', {}, 'Loading profiles…'));
  fill(main,
    h('h1', {}, 'Profiles'),
    ctx.may('admin') ? h('div', { class: 'actions' }, h('a', { class: 'button', href: '#/profiles/new' }, 'New profile')) : null,
    body);
  let timer = null;
  let stopped = false;

  async function load() {
    try {
      const profiles = await api('GET', '/profiles');
      const statuses = await Promise.all(profiles.map((p) => api('GET', `/profiles/${encodeURIComponent(p.id)}/status`).catch(() => null)));
      if (stopped) return;
      draw(profiles, statuses);
    } catch (e) {
      if (!stopped) fill(body, h('p', { class: 'alert', role: 'alert' }, e.message));
    }
    if (!stopped) timer = setTimeout(load, REFRESH_MS);
  }

  function draw(profiles, statuses) {
    if (profiles.length === 0) {
      fill(body, h('p', {}, 'No profiles yet. ', ctx.may('admin') ? 'Create one with “New profile”.' : 'An administrator creates them.'));
      return;
    }
    const columns = [
      { label: 'Name' }, { label: 'State' }, { label: 'Entities', num: true }, { label: 'Initial sync' },
      { label: 'Lag', num: true }, { label: 'Failed records', num: true }, { label: 'Throughput', num: true },
    ];
    const rows = profiles.map((p, i) => {
      const s = statuses[i];
      const entities = s ? s.entities : [];
      const done = entities.filter((e) => e.initialSyncState.startsWith('completed')).length;
      const lag = Math.max(0, ...entities.map((e) => e.lagSeconds || 0));
      const throughput = entities.reduce((sum, e) => sum + (e.throughputPerSecond || 0), 0);
      return [
        h('a', { href: `#/profiles/${encodeURIComponent(p.id)}` }, p.name),
        badge(p.state),
        number(p.entities.length),
        `${done} of ${entities.length} entities done`,
        seconds(lag),
        s ? number(s.failureLogRecords) : '–',
        `${throughput.toFixed(1)} /s`,
      ];
    });
    fill(body, table('Every export profile, refreshed every 5 seconds', columns, rows, (i) => ({ 'data-profile': profiles[i].id })));
  }

  load();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
