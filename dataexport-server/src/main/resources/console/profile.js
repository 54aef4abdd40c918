// One profile: its state, the actions the signed-in role may take, per entity the initial-sync
// progress, counters, lag and throughput, and charts of throughput and lag over the last minutes;
// all refreshed live by short polling.
import { api } from './api.js';
import { lineChart } from './chart.js';
import { badge, fill, h, number, seconds, table, time } from './dom.js';

const STATUS_MS = 2000;
const HISTORY_MS = 5000;

export function profilePage(main, ctx) {
  const path = `/profiles/${encodeURIComponent(ctx.id)}`;
  const heading = h('h1', {}, 'Profile');
  const actions = h('div', { class: 'actions', id: 'actions' });
  const summary = h('p', { id: 'summary' });
  const entities = h('div', { id: 'entities' }, h('p', {}, 'Loading status…'));
  const charts = h('div', { class: 'charts', id: 'charts' });
  const error = h('p', { class: 'alert', role: 'alert', hidden: true });
  fill(main, heading, error, actions, summary, h('h2', {}, 'Entities'), entities,
    h('h2', {}, 'Throughput and lag'), charts);
  let stopped = false;
  let timers = [];
  let state = null;

  async function poll() {
    try {
      const status = await api('GET', path + '/status');
      if (stopped) return;
      error.hidden = true;
      draw(status);
    } catch (e) {
      if (stopped) return;
      if (e.status === 404) return fill(main, h('h1', {}, 'No such profile'), h('p', {}, e.message, ' ', h('a', { href: '#/' }, 'Back to the profiles.')));
      error.textContent = e.message;
      error.hidden = false;
    }
    if (!stopped) timers[0] = setTimeout(poll, STATUS_MS);
  }

  // GET …/history: a sample per 5 s interval (succeeded and failed within it, throughput as
  // succeeded per second, the largest entity lag), the last 15 minutes, oldest first.
  async function history() {
    try {
      const samples = (await api('GET', path + '/history')).samples;
      if (stopped) return;
      const points = (key) => samples.map((s) => ({ at: new Date(s.at), value: Number(s[key]) || 0 }));
      fill(charts,
        lineChart('Throughput (records/s)', points('throughputPerSecond'), 'throughput'),
        lineChart('Lag (seconds)', points('lagSeconds'), 'lag'));
    } catch (e) {
      if (stopped || e.status === 404) return; // the status poll says the profile is gone
      fill(charts, h('p', { class: 'alert' }, `The history cannot be read now: ${e.message}`));
    }
    if (!stopped) timers[1] = setTimeout(history, HISTORY_MS);
  }

  function draw(status) {
    heading.textContent = status.name;
    document.title = `${status.name} · Data Export Service`;
    if (status.state !== state) {
      state = status.state;
      drawActions(status);
    }
    const all = status.entities;
    fill(summary, 'State: ', badge(status.state), ` · Failed records in the log: ${number(status.failureLogRecords)} · `,
      h('a', { href: `#/profiles/${encodeURIComponent(ctx.id)}/failures`, id: 'failures-link' }, 'Failure log'),
      status.failureResync && status.failureResync.state ? ` · Resync of failed records: ${status.failureResync.state}` : '');
    const columns = [
      { label: 'Entity' }, { label: 'Initial sync' }, { label: 'Total', num: true }, { label: 'Succeeded', num: true },
      { label: 'Failed', num: true }, { label: 'Pending', num: true }, { label: 'Lag', num: true },
      { label: 'Throughput', num: true }, { label: 'Last synced' },
    ];
    if (ctx.may('operator')) columns.push({ label: 'Actions' });
    const counter = (e, key) => ({ attrs: { 'data-counter': key }, content: number(e[key]) });
    const rows = all.map((e) => {
      const progress = e.initialSyncProgress || {};
      const percent = e.initialSyncState.startsWith('completed') ? 100 : progress.percent;
      const row = [
        e.name,
        h('span', {},
          h('progress', { max: 100, value: percent ?? null, 'data-progress': e.name, 'aria-label': `Initial sync of ${e.name}` }),
          ` ${percent === undefined ? number(progress.rowsRead) + ' rows' : percent + ' %'} `,
          badge(e.initialSyncState),
          e.error ? h('span', { class: 'error' }, ` ${e.error}`) : null),
        counter(e, 'totalNotifications'), counter(e, 'succeededNotifications'), counter(e, 'failedNotifications'),
        counter(e, 'pendingNotifications'), seconds(e.lagSeconds), `${e.throughputPerSecond} /s`, time(e.lastSyncedAt),
      ];
      if (ctx.may('operator')) {
        row.push(h('button', { type: 'button', class: 'secondary', 'aria-label': `Resync ${e.name}`, disabled: status.state !== 'active' || e.resyncInProgress, onclick: () => resync(e.name) }, 'Resync'));
      }
      return row;
    });
    fill(entities, table('Per entity: initial sync and notifications', columns, rows, (i) => ({ 'data-entity': all[i].name })));
  }

  function drawActions(status) {
    const buttons = [];
    if (ctx.may('operator')) {
      if (status.state === 'active') buttons.push(button('Deactivate', 'deactivate', () => act('deactivate', 'Deactivated.')));
      else buttons.push(button('Activate', 'activate', () => act('activate', 'Activated: the initial sync starts.')));
      buttons.push(button('Resync failed records', 'resync-failures', resyncFailures, 'secondary'));
    }
    if (ctx.may('admin')) {
      buttons.push(h('a', { class: 'button secondary', href: `#/profiles/${encodeURIComponent(ctx.id)}/edit`, id: 'edit' }, 'Edit'));
      buttons.push(button('Delete…', 'delete', () => confirmDelete(status.name), 'danger'));
    }
    fill(actions, buttons);
  }

  function button(label, id, onclick, kind) {
    return h('button', { type: 'button', id, class: kind || null, onclick }, label);
  }

  async function run(call, done) {
    try {
      const answer = await call();
      ctx.notify(done || (answer && answer.message) || 'Done.');
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    }
    clearTimeout(timers[0]);
    poll();
  }

  function act(what, done) {
    state = null; // redraw the buttons with the new state
    return run(() => api('POST', `${path}/${what}`), done);
  }

  function resync(entity) {
    if (!window.confirm(`Re-export every record of ${entity}? The destination table is filled again from the source.`)) return;
    run(() => api('POST', `${path}/entities/${encodeURIComponent(entity)}/resync`));
  }

  function resyncFailures() {
    run(() => api('POST', `${path}/failures/resync`));
  }

  function confirmDelete(name) {
    const typed = h('input', { id: 'confirm-name', autocomplete: 'off' });
    const go = h('button', { type: 'submit', class: 'danger', disabled: true, id: 'confirm-delete' }, 'Delete profile');
    typed.addEventListener('input', () => (go.disabled = typed.value !== name));
    const dialog = h('dialog', { 'aria-labelledby': 'delete-title' },
      h('form', { method: 'dialog', onsubmit: remove },
        h('h2', { id: 'delete-title' }, `Delete ${name}?`),
        h('p', {}, 'This removes the profile, its sync state and its failure log. The destination tables stay.'),
        h('div', { class: 'field' }, h('label', { for: 'confirm-name' }, `Type the profile's name (${name}) to confirm`), typed),
        h('div', { class: 'actions' }, go, h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, 'Cancel'))));
    dialog.addEventListener('close', () => dialog.remove());
    main.append(dialog);
    dialog.showModal();

    async function remove(event) {
      event.preventDefault();
      if (typed.value !== name) return;
      try {
        await api('DELETE', path);
        dialog.close();
        ctx.notify(`Deleted ${name}.`);
        ctx.go('#/');
      } catch (e) {
        dialog.close();
        error.textContent = e.message;
        error.hidden = false;
      }
    }
  }

  poll();
  history();
  return () => {
    stopped = true;
    timers.forEach(clearTimeout);
  };
}
