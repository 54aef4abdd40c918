// A profile's failure log: the records given up after their retries, filtered by entity, a page at
// a time, and downloadable as CSV (the API's own download, sent with the session cookie).
import { api } from './api.js';
import { fill, h, table, time } from './dom.js';

const PAGE = 25;

export function failuresPage(main, ctx) {
  const path = `/profiles/${encodeURIComponent(ctx.id)}`;
  const heading = h('h1', {}, 'Failure log');
  const filter = h('select', { id: 'entity-filter', onchange: () => { page = 0; draw(); } });
  const list = h('div', { id: 'failures' }, h('p', {}, 'Loading the failure log…'));
  const pager = h('div', { class: 'pager' });
  const message = h('p', { role: 'alert', class: 'alert', hidden: true });
  let failures = [];
  let page = 0;
  fill(main,
    h('p', {}, h('a', { href: `#${path}` }, '← Back to the profile')),
    heading, message,
    h('div', { class: 'actions' },
      h('a', { class: 'button', id: 'download-csv', href: `/api/v1${path}/failures?format=csv`, download: `failures-${ctx.id}.csv` }, 'Download CSV'),
      ctx.may('operator') ? h('button', { type: 'button', class: 'secondary', id: 'resync-failures', onclick: resync }, 'Resync failed records') : null),
    h('div', { class: 'field' }, h('label', { for: 'entity-filter' }, 'Entity'), filter),
    list, pager);

  async function load() {
    try {
      const [profile, entries] = await Promise.all([api('GET', path), api('GET', `${path}/failures?format=json`)]);
      heading.textContent = `Failure log of ${profile.name}`;
      failures = entries;
      const names = [...new Set([...profile.entities, ...entries.map((f) => f.entity)])].sort();
      fill(filter, h('option', { value: '' }, 'All entities'), names.map((n) => h('option', { value: n }, n)));
      draw();
    } catch (e) {
      message.textContent = e.message;
      message.hidden = false;
    }
  }

  function draw() {
    const shown = failures.filter((f) => !filter.value || f.entity === filter.value);
    const pages = Math.max(1, Math.ceil(shown.length / PAGE));
    page = Math.min(page, pages - 1);
    if (shown.length === 0) {
      fill(list, h('p', { id: 'no-failures' }, 'No failed records.'));
    } else {
      const columns = [{ label: 'Entity' }, { label: 'Record id' }, { label: 'Change' }, { label: 'Reason' },
        { label: 'Attempts', num: true }, { label: 'First failed' }, { label: 'Failed' }];
      const rows = shown.slice(page * PAGE, (page + 1) * PAGE).map((f) => [f.entity, f.recordId, f.changeType, f.reason,
        f.attempts, time(f.firstFailedAt), time(f.failedAt)]);
      fill(list, table(`${shown.length} failed record(s)`, columns, rows));
    }
    fill(pager,
      h('button', { type: 'button', class: 'secondary', disabled: page === 0, onclick: () => { page--; draw(); } }, 'Previous page'),
      h('span', {}, `Page ${page + 1} of ${pages}`),
      h('button', { type: 'button', class: 'secondary', disabled: page >= pages - 1, onclick: () => { page++; draw(); } }, 'Next page'));
  }

  async function resync() {
    try {
      const answer = await api('POST', `${path}/failures/resync`);
      ctx.notify(answer.message);
    } catch (e) {
      message.textContent = e.message;
      message.hidden = false;
    }
  }

  load();
}
