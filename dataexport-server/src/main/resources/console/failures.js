// A profile's failure log: the records given up after their retries, filtered by entity. The server
// pages it (GET …/failures?limit=&afterId=&entity=), so the browser holds one page however long the
// log; the whole log downloads as CSV (the API's own download, sent with the session cookie).
import { api } from './api.js';
import { fill, h, number, table, time } from './dom.js';

const PAGE = 25;

export function failuresPage(main, ctx) {
  const path = `/profiles/${encodeURIComponent(ctx.id)}`;
  const heading = h('h1', {}, 'Failure log');
  const filter = h('select', { id: 'entity-filter', onchange: () => show(0) });
  const list = h('div', { id: 'failures' }, h('p', {}, 'Loading the failure log…'));
  // the buttons stay while the pages change, so the keyboard focus stays on them
  const previous = h('button', { type: 'button', class: 'secondary', id: 'previous-page', disabled: true, onclick: () => show(shown - 1) }, 'Previous page');
  const next = h('button', { type: 'button', class: 'secondary', id: 'next-page', disabled: true, onclick: () => show(shown + 1) }, 'Next page');
  const position = h('span', { id: 'page-position', 'aria-live': 'polite' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages of the failure log' }, previous, position, next);
  const message = h('p', { role: 'alert', class: 'alert', hidden: true });
  let starts = [0]; // the afterId of each page reached, to go back
  let shown = 0; // the index of the page shown
  let asked = 0; // the latest request: an answer overtaken by a later request is dropped
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
      const [profile, status] = await Promise.all([api('GET', path), api('GET', `${path}/status`)]);
      heading.textContent = `Failure log of ${profile.name}`;
      // the status also names the relationships' intersect entities, whose records can fail too
      const names = [...new Set([...profile.entities, ...status.entities.map((e) => e.name)])].sort();
      fill(filter, h('option', { value: '' }, 'All entities'), names.map((n) => h('option', { value: n }, n)));
      await show(0);
    } catch (e) {
      showError(e);
    }
  }

  /** Shows page `index` (0 starts again, e.g. for another entity) as the server reads it. */
  async function show(index) {
    if (index === 0) starts = [0];
    const request = ++asked;
    const query = new URLSearchParams({ limit: PAGE, afterId: starts[index] });
    if (filter.value) query.set('entity', filter.value);
    list.setAttribute('aria-busy', 'true');
    try {
      const page = await api('GET', `${path}/failures?${query}`);
      if (request !== asked) return;
      starts[index + 1] = page.nextAfterId;
      shown = index;
      draw(page);
      message.hidden = true;
    } catch (e) {
      if (request === asked) showError(e);
    } finally {
      if (request === asked) list.removeAttribute('aria-busy');
    }
  }

  function draw(page) {
    const filtered = filter.value ? ` of ${filter.value}` : '';
    if (page.entries.length === 0) {
      fill(list, shown === 0
        ? h('p', { id: 'no-failures' }, `No failed records${filtered}.`)
        : h('p', {}, 'No failed records on this page any more (a resync may have removed them).'));
    } else {
      const columns = [{ label: 'Entity' }, { label: 'Record id' }, { label: 'Change' }, { label: 'Reason' },
        { label: 'Attempts', num: true }, { label: 'First failed' }, { label: 'Failed' }];
      const rows = page.entries.map((f) => [f.entity, f.recordId, f.changeType, f.reason,
        f.attempts, time(f.firstFailedAt), time(f.failedAt)]);
      const first = shown * PAGE + 1;
      fill(list, table(`${number(page.total)} failed record(s)${filtered}; ${number(first)}–${number(first + rows.length - 1)} shown`,
        columns, rows));
    }
    // the log may have changed since the first page: never fewer pages than the one shown
    const pages = Math.max(1, Math.ceil(page.total / PAGE), shown + 1);
    position.textContent = `Page ${shown + 1} of ${pages}`;
    const focused = document.activeElement;
    previous.disabled = shown === 0;
    next.disabled = page.nextAfterId === null;
    // a button disabled under the focus would drop it to the page: hand it to the other one
    if (focused === next && next.disabled && !previous.disabled) previous.focus();
    if (focused === previous && previous.disabled && !next.disabled) next.focus();
  }

  function showError(e) {
    message.textContent = e.message;
    message.hidden = false;
  }

  async function resync() {
    try {
      const answer = await api('POST', `${path}/failures/resync`);
      ctx.notify(answer.message);
    } catch (e) {
      showError(e);
    }
  }

  load();
}
