// The console's entry: signs in, draws the header and routes #/… addresses to their page. Each page
// is a function (main, ctx) that draws into <main> and may return a function that stops it (e.g.
// its polling) when the user leaves.
import { api, currentSession, may, providers, signIn, signOut, whenSignedOut } from './api.js';
import { fill, h } from './dom.js';
import { overviewPage } from './overview.js';
import { profilePage } from './profile.js';
import { failuresPage } from './failures.js';
import { wizardPage } from './wizard.js';
import { auditPage } from './audit.js';
import { clusterPage } from './cluster.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const notice = document.getElementById('notice');
let session = null;
let hasCluster = false;
let stopPage = null;
let noticeAt = 0;

// [address, page, title, least role]
const routes = [
  [/^#?\/?$/, overviewPage, 'Profiles', 'viewer'],
  [/^#\/profiles\/new$/, wizardPage, 'New profile', 'admin'],
  [/^#\/profiles\/([^/]+)\/edit$/, wizardPage, 'Edit profile', 'admin'],
  [/^#\/profiles\/([^/]+)\/failures$/, failuresPage, 'Failure log', 'viewer'],
  [/^#\/profiles\/([^/]+)$/, profilePage, 'Profile', 'viewer'],
  [/^#\/audit$/, auditPage, 'Audit log', 'admin'],
  [/^#\/cluster$/, clusterPage, 'Cluster', 'viewer'],
];

/** Shows a short message to screen readers and sighted users alike. */
export function notify(message) {
  notice.textContent = message;
  noticeAt = Date.now();
}

async function start() {
  // the skip link moves the focus without touching the address (#… addresses are the pages)
  document.querySelector('a.skip').addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });
  whenSignedOut(() => {
    session = null;
    showLogin('Your session has ended; sign in again.');
  });
  try {
    session = await currentSession();
  } catch (e) {
    fill(main, h('p', { class: 'alert', role: 'alert' }, e.message));
    return;
  }
  if (!session) return showLogin();
  await signedIn();
}

async function signedIn() {
  try {
    await api('GET', '/cluster');
    hasCluster = true;
  } catch {
    hasCluster = false; // 404: not a cluster (or no cluster API yet)
  }
  drawHeader();
  window.onhashchange = route;
  route();
}

function drawHeader() {
  const links = [['#/', 'Profiles']];
  if (may(session.role, 'admin')) links.push(['#/profiles/new', 'New profile'], ['#/audit', 'Audit log']);
  if (hasCluster) links.push(['#/cluster', 'Cluster']);
  fill(nav, links.map(([href, label]) => h('a', { href, 'data-nav': href }, label)));
  fill(who,
    h('span', {}, `${session.name} (${session.role})`),
    h('button', { class: 'link', type: 'button', id: 'sign-out', onclick: logOut }, 'Sign out'));
}

async function logOut() {
  try {
    await signOut();
  } finally {
    session = null;
    history.replaceState(null, '', '#/'); // the next person starts at the profiles
    showLogin('You have signed out.');
  }
}

function route() {
  if (stopPage) stopPage();
  stopPage = null;
  if (Date.now() - noticeAt > 1000) notice.textContent = ''; // keep what the page before just said
  const hash = location.hash || '#/';
  for (const [pattern, page, title, role] of routes) {
    const match = hash.match(pattern);
    if (!match) continue;
    for (const a of nav.querySelectorAll('a')) {
      if (a.getAttribute('href') === hash) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    document.title = `${title} · Data Export Service`;
    fill(main);
    if (!may(session.role, role)) {
      fill(main, h('h1', {}, title), h('p', {}, `This page is for the ${role} role; you are signed in as ${session.role}. `,
        h('a', { href: '#/' }, 'Go to the profiles.')));
      main.focus();
      return;
    }
    const ctx = { session, id: match[1], go: (to) => (location.hash = to), notify, may: (r) => may(session.role, r) };
    stopPage = page(main, ctx) || null;
    main.focus();
    return;
  }
  fill(main, h('h1', {}, 'Not found'), h('p', {}, 'The console has no such page. ', h('a', { href: '#/' }, 'Go to the profiles.')));
}

async function showLogin(message) {
  if (stopPage) stopPage();
  stopPage = null;
  window.onhashchange = null;
  fill(nav);
  fill(who);
  document.title = 'Sign in · Data Export Service';
  const offered = await providers();
  const key = h('input', { id: 'api-key', name: 'apiKey', type: 'password', autocomplete: 'off', required: true });
  const error = h('p', { class: 'alert', role: 'alert', hidden: true, id: 'login-error' });
  const form = h('form', { class: 'login', onsubmit: submit },
    h('h1', {}, 'Sign in'),
    message ? h('p', { class: 'ok' }, message) : null,
    h('div', { class: 'field' },
      h('label', { for: 'api-key' }, 'API key'),
      key,
      h('p', { class: 'hint' }, 'An API key (dxk_…) made with ./dataexport keys create; the first admin key is printed at the first start.')),
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'sign-in' }, 'Sign in')),
    offered.oidc ? h('p', {}, h('a', { href: '/api/v1/session/oidc', class: 'button secondary' }, 'Sign in with single sign-on')) : null);
  fill(main, form);
  key.focus();

  async function submit(event) {
    event.preventDefault();
    error.hidden = true;
    try {
      session = await signIn(key.value.trim());
    } catch (e) {
      error.textContent = e.status === 401 ? 'That key is not valid (or has been revoked).' : e.message;
      error.hidden = false;
      return;
    }
    key.value = '';
    await signedIn();
  }
}

start();
