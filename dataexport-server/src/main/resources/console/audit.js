// The audit log (admin): every state-changing call, oldest first, a page at a time.
import { api } from './api.js';
import { fill, h, table, time } from './dom.js';

const LIMIT = 50;

export function auditPage(main) {
  const list = h('div', { id: 'audit' }, h('p', {}, 'Loading the audit log…'));
  const pager = h('div', { class: 'pager' });
  const starts = [0]; // afterId of each page seen, to go back
  fill(main, h('h1', {}, 'Audit log'), list, pager);

  async function load(index) {
    try {
      const page = await api('GET', `/audit?afterId=${starts[index]}&limit=${LIMIT}`);
      starts[index + 1] = page.nextAfterId;
      const columns = [{ label: 'Time' }, { label: 'Principal' }, { label: 'Action' }, { label: 'Target' }, { label: 'Outcome' }, { label: 'Detail' }];
      const rows = page.entries.map((e) => [time(e.at), e.principal, e.action, e.target || '–', e.outcome, e.detail || '']);
      fill(list, rows.length ? table('State-changing calls, oldest first', columns, rows) : h('p', {}, 'No entries on this page.'));
      fill(pager,
        h('button', { type: 'button', class: 'secondary', disabled: index === 0, onclick: () => load(index - 1) }, 'Previous page'),
        h('span', {}, `Page ${index + 1}`),
        h('button', { type: 'button', class: 'secondary', disabled: page.entries.length < LIMIT, onclick: () => load(index + 1) }, 'Next page'));
    } catch (e) {
      fill(list, h('p', { class: 'alert', role: 'alert' }, e.message));
    }
  }

  load(0);
}
