// Create or edit a profile: the source and its credentials; "Connect" lists the source's entities
// (with whether change tracking is on) and its N:N relationships to pick from, searchable; the
// destination per type; "Validate" runs every check activation would and shows each problem next
// to its field; "Save" creates or updates. Secrets of a stored profile are never shown: left
// empty, they are kept.
import { api } from './api.js';
import { field, fill, h, setFieldError } from './dom.js';

const DESTINATIONS = {
  sqlite: { label: 'SQLite', fields: ['jdbcUrl', 'tablePrefix'], example: 'jdbc:sqlite:/var/lib/dataexport/export.sqlite' },
  postgresql: { label: 'PostgreSQL', fields: ['jdbcUrl', 'username', 'password', 'schema', 'tablePrefix'], example: 'jdbc:postgresql://db:5432/crm' },
  mysql: { label: 'MySQL or MariaDB', fields: ['jdbcUrl', 'username', 'password', 'schema', 'tablePrefix'], example: 'jdbc:mariadb://db:3306/crm' },
  sqlserver: { label: 'SQL Server', fields: ['jdbcUrl', 'username', 'password', 'schema', 'tablePrefix'], example: 'jdbc:sqlserver://db:1433;databaseName=crm' },
};
const LABELS = { jdbcUrl: 'JDBC URL', username: 'User name', password: 'Password', schema: 'Schema', tablePrefix: 'Table prefix' };
const SECRETS = ['source.auth.clientSecret', 'destination.password'];

export function wizardPage(main, ctx) {
  const editing = Boolean(ctx.id);
  const inputs = {}; // field path → input
  let catalog = { entities: [], relationships: [] };
  const chosen = { entities: new Set(), relationships: new Set() };

  const input = (path, attrs = {}) => (inputs[path] = h('input', { id: 'f-' + path.replace(/\./g, '-'), name: path, ...attrs }));
  const secretHint = editing ? 'Leave empty to keep the stored one.' : null;
  const general = h('div', { id: 'general-problems', role: 'alert' });
  const result = h('div', { id: 'result', role: 'status' });
  const search = h('input', { id: 'catalog-search', type: 'search', oninput: drawCatalog });
  const entityList = h('div', { class: 'picklist', id: 'entity-list', role: 'group', 'aria-labelledby': 'entities-label' });
  const relationshipList = h('div', { class: 'picklist', id: 'relationship-list', role: 'group', 'aria-labelledby': 'relationships-label' });
  const destinationType = h('select', { id: 'f-destination-type', name: 'destination.type', onchange: drawDestination },
    Object.entries(DESTINATIONS).map(([value, d]) => h('option', { value }, d.label)));
  inputs['destination.type'] = destinationType;
  const destinationFields = h('div', { id: 'destination-fields' });
  const deleteLog = h('input', { id: 'f-writeDeleteLog', type: 'checkbox' });

  fill(main,
    h('h1', {}, editing ? 'Edit profile' : 'New profile'),
    general,
    h('form', { id: 'wizard', novalidate: true, onsubmit: (e) => { e.preventDefault(); save(); } },
      h('fieldset', {}, h('legend', {}, '1. Source'),
        field('Web API root URL', input('source.url', { type: 'url', placeholder: 'https://org.crm.dynamics.com' })),
        field('Token URL', input('source.auth.tokenUrl', { type: 'url' }), 'OAuth2 client credentials, e.g. https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token'),
        field('Client id', input('source.auth.clientId', { autocomplete: 'off' })),
        field('Client secret', input('source.auth.clientSecret', { type: 'password', autocomplete: 'new-password' }), secretHint),
        field('Scope (optional)', input('source.auth.scope'), 'Default: <URL>/.default'),
        h('div', { class: 'actions' }, h('button', { type: 'button', id: 'connect', onclick: connect }, 'Connect')),
        h('p', { id: 'connect-result', role: 'status' })),
      h('fieldset', {}, h('legend', {}, '2. Entities and relationships'),
        field('Search entities and relationships', search),
        h('p', { id: 'entities-label' }, h('strong', {}, 'Entities'), ' (change tracking must be on)'),
        entityList,
        h('p', { class: 'error', id: 'f-entities-error', hidden: true }),
        h('p', { id: 'relationships-label' }, h('strong', {}, 'N:N relationships'), ' among the chosen entities'),
        relationshipList,
        h('p', { class: 'error', id: 'f-relationships-error', hidden: true })),
      h('fieldset', {}, h('legend', {}, '3. Destination'),
        field('Type', destinationType),
        destinationFields),
      h('fieldset', {}, h('legend', {}, '4. Profile'),
        field('Name', input('name', { maxlength: 100, required: true })),
        field('Retries', input('retryCount', { type: 'number', min: 0, max: 20, value: '12' }), 'Tries before a record goes to the failure log (0–20).'),
        field('Retry interval (seconds)', input('retryIntervalSeconds', { type: 'number', min: 0, max: 3600, value: '5' })),
        h('div', { class: 'check' }, deleteLog, h('label', { for: 'f-writeDeleteLog' }, 'Write a DeleteLog table'))),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', id: 'validate', onclick: validate }, 'Validate'),
        h('button', { type: 'submit', id: 'save' }, editing ? 'Save changes' : 'Create profile')),
      result));
  drawDestination();
  drawCatalog();
  if (editing) load();

  function drawDestination() {
    const type = DESTINATIONS[destinationType.value];
    const kept = {};
    for (const name of Object.keys(LABELS)) {
      const old = inputs['destination.' + name];
      if (old) kept[name] = old.value;
      delete inputs['destination.' + name];
    }
    fill(destinationFields, type.fields.map((name) => {
      const attrs = name === 'password' ? { type: 'password', autocomplete: 'new-password' } : { autocomplete: 'off' };
      const el = input('destination.' + name, { ...attrs, value: kept[name] || '' });
      const hint = name === 'jdbcUrl' ? `e.g. ${type.example}` : name === 'password' ? secretHint : name === 'tablePrefix' ? 'Letters and digits, fewer than 15.' : null;
      return field(LABELS[name], el, hint);
    }));
  }

  async function load() {
    try {
      const p = await api('GET', `/profiles/${encodeURIComponent(ctx.id)}`);
      const set = (path, value) => inputs[path] && value !== undefined && value !== null && (inputs[path].value = value);
      set('name', p.name);
      set('source.url', p.source.url);
      for (const k of ['tokenUrl', 'clientId', 'scope']) set('source.auth.' + k, p.source.auth && p.source.auth[k]);
      destinationType.value = (p.destination && p.destination.type) || 'sqlite';
      drawDestination();
      for (const k of Object.keys(LABELS)) set('destination.' + k, p.destination && p.destination[k]);
      set('retryCount', p.retryCount);
      set('retryIntervalSeconds', p.retryIntervalSeconds);
      deleteLog.checked = Boolean(p.writeDeleteLog);
      p.entities.forEach((e) => chosen.entities.add(e));
      (p.relationships || []).forEach((r) => chosen.relationships.add(r));
      catalog = {
        entities: p.entities.map((name) => ({ name, displayName: name, changeTracking: true })),
        relationships: (p.relationships || []).map((schemaName) => ({ schemaName })),
      };
      drawCatalog();
    } catch (e) {
      fill(general, h('p', { class: 'alert' }, e.message));
    }
  }

  async function connect() {
    const status = document.getElementById('connect-result');
    status.textContent = 'Connecting…';
    clearProblems();
    try {
      catalog = await api('POST', '/sources/catalog', document_().source);
      status.textContent = `Connected: ${catalog.entities.length} entities, ${catalog.relationships.length} N:N relationships.`;
      drawCatalog();
    } catch (e) {
      status.textContent = '';
      showProblems(e);
    }
  }

  function drawCatalog() {
    const words = search.value.trim().toLowerCase();
    const matches = (...texts) => !words || texts.some((t) => t && t.toLowerCase().includes(words));
    const entities = catalog.entities.filter((e) => matches(e.name, e.displayName) || chosen.entities.has(e.name));
    fill(entityList, entities.length
      ? entities.map((e) => checkbox('entity', e.name, `${e.displayName} (${e.name})${e.changeTracking ? '' : ' — change tracking off'}`,
        chosen.entities, !e.changeTracking && !chosen.entities.has(e.name)))
      : h('p', { class: 'muted' }, catalog.entities.length ? 'No entity matches the search.' : 'Connect to list the source\'s entities.'));
    const relationships = catalog.relationships.filter((r) => (!r.entity1 || (chosen.entities.has(r.entity1) && chosen.entities.has(r.entity2)))
      && matches(r.schemaName, r.entity1, r.entity2));
    fill(relationshipList, relationships.length
      ? relationships.map((r) => checkbox('relationship', r.schemaName, r.entity1 ? `${r.schemaName} (${r.entity1} ↔ ${r.entity2})` : r.schemaName, chosen.relationships, false))
      : h('p', { class: 'muted' }, 'None among the chosen entities.'));
  }

  function checkbox(kind, value, label, set, disabled) {
    const id = `${kind}-${value}`;
    return h('label', { for: id },
      h('input', { type: 'checkbox', id, value, checked: set.has(value), disabled, 'data-kind': kind,
        onchange: (e) => { e.target.checked ? set.add(value) : set.delete(value); if (kind === 'entity') drawCatalog(); } }),
      ' ', label);
  }

  /** The profile document from the form; empty fields are left out. */
  function document_() {
    const doc = { source: { auth: {} }, destination: {} };
    for (const [path, el] of Object.entries(inputs)) {
      const value = el.value.trim();
      if (value === '') continue;
      const parts = path.split('.');
      let target = doc;
      parts.slice(0, -1).forEach((p) => (target = target[p]));
      target[parts[parts.length - 1]] = ['retryCount', 'retryIntervalSeconds'].includes(path) && /^\d+$/.test(value) ? Number(value) : value;
    }
    const known = new Set(catalog.entities.map((e) => e.name));
    doc.entities = [...chosen.entities].filter((e) => known.has(e) || editing);
    const relationships = new Set(catalog.relationships.filter((r) => !r.entity1 || (chosen.entities.has(r.entity1) && chosen.entities.has(r.entity2))).map((r) => r.schemaName));
    doc.relationships = [...chosen.relationships].filter((r) => relationships.has(r));
    doc.writeDeleteLog = deleteLog.checked;
    return doc;
  }

  async function validate() {
    clearProblems();
    fill(result, 'Validating…');
    try {
      const answer = await api('POST', '/profiles/validate', document_());
      const problems = answer.problems.filter(relevant);
      if (problems.length === 0) fill(result, h('p', { class: 'ok', id: 'valid' }, 'No problems: the profile can be activated.'));
      else { fill(result); showProblems({ details: problems, message: `${problems.length} problem(s) to fix.` }); }
    } catch (e) {
      fill(result);
      showProblems(e);
    }
  }

  /** Editing: a secret left empty is kept on save, so "missing" there is no problem. */
  function relevant(problem) {
    return !(editing && SECRETS.includes(problem.field) && inputs[problem.field] && inputs[problem.field].value === '');
  }

  async function save() {
    clearProblems();
    try {
      const saved = editing
        ? await api('PUT', `/profiles/${encodeURIComponent(ctx.id)}`, document_())
        : await api('POST', '/profiles', document_());
      ctx.notify(editing ? `Saved ${saved.name}.` : `Created ${saved.name}. Activate it to start the export.`);
      ctx.go(`#/profiles/${encodeURIComponent(saved.id)}`);
    } catch (e) {
      showProblems(e);
    }
  }

  function clearProblems() {
    fill(general);
    for (const el of Object.values(inputs)) setFieldError(el, null);
    for (const id of ['f-entities-error', 'f-relationships-error']) document.getElementById(id).hidden = true;
  }

  /** Each problem next to its field; the ones of no field at the top. */
  function showProblems(error) {
    const unplaced = [];
    let first = null;
    for (const p of error.details || []) {
      const text = p.value ? `${p.message} (value: ${p.value})` : p.message;
      const path = (p.field || '').replace(/\[\d+\]$/, '');
      const el = inputs[path];
      const listError = document.getElementById(`f-${path}-error`);
      if (el) {
        const old = document.getElementById(`${el.id}-error`).textContent;
        setFieldError(el, old ? `${old} ${text}` : text);
        first = first || el;
      } else if (listError && (path === 'entities' || path === 'relationships')) {
        listError.textContent = `${listError.hidden ? '' : listError.textContent + ' '}${p.field}: ${text}`;
        listError.hidden = false;
      } else {
        unplaced.push(`${p.field ? p.field + ': ' : ''}${text}`);
      }
    }
    fill(general, h('div', { class: 'alert' }, h('p', {}, error.message), unplaced.length ? h('ul', {}, unplaced.map((t) => h('li', {}, t))) : null));
    if (first) first.focus();
  }
}
