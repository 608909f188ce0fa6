// The task board: lists, filters, creates, edits and deletes tasks, shows a task's comments, attachments and history,
// and shares lists of tasks with other users, through the public API only (a file's bytes go straight to and from the
// URLs the API signs). Task text, comments, file names, list names, user ids and names are user data: they are only
// ever set with textContent or as a form value, never parsed as HTML. Where config.json names a sign-in, users sign in
// there (auth.js); otherwise a token may be pasted in Settings. Either token is kept in this tab's session storage and
// sent only in the Authorization header; it is never written to the page, the URL or the console.
import { createSession, loadConfig } from './auth.js';
import {
  ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, ATTACHMENT_TYPES_TEXT, ApiError, NetworkError, PRIORITIES, ROLES, STATUSES,
  createApi, uploadFile,
} from './api.js';

const STORAGE_KEY = 'taskBoard.apiBase';
const TOKEN_KEY = 'taskBoard.accessToken';
const DEFAULT_LIMIT = 25;
const FIELDS = ['task', 'status', 'priority', 'assignee', 'description', 'due_date', 'tags'];
/** The two layouts of the tasks loaded: a list, or a board with a column per status (`?layout=board`). */
const LIST = 'list';
const BOARD = 'board';
/** The order by due date (`?sort=due`); without it the tasks keep the API's order, newest first. */
const BY_DUE = 'due';
/** Statuses a task is done with: such a task is never overdue. */
const CLOSED = new Set(['completed', 'cancelled']);
/** How far a pressed card handle must travel, in pixels, before it drags: a press alone moves nothing. */
const DRAG_THRESHOLD = 6;
/** How near the board's or the window's edge a dragged card scrolls it, and by how much per move, in pixels. */
const DRAG_EDGE = 40;
const DRAG_SCROLL = 24;
const DESCRIPTION_HINT = 'Optional. Up to 4,000 characters; line breaks are kept. Empty it to remove the description.';
const TAGS_HINT = 'Optional. Separate tags with commas, such as “work, q4”: each of lower-case letters, digits, - _'
  + ' and . only; up to 20. Empty it to remove them.';
/** The two views that are not a shared list; any other view is a list's id. */
const MINE = 'mine';
const ASSIGNED = 'assigned';

const $ = (id) => document.getElementById(id);
const statusLabel = new Map(STATUSES);
const priorityLabel = new Map(PRIORITIES);
const roleLabel = new Map(ROLES);
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
/** A due date is a day, not an instant: shown as that day wherever the browser is. */
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
// The history's sentences are English, so the words inside them are too ("2 minutes ago", "a, b, and c").
const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const listFormat = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });
/** The longest comment the API accepts, in characters (code points) once surrounding whitespace is removed. */
const COMMENT_MAX = 2000;
/** Sizes of files in words: "12 KB", "1.5 MB". */
const SIZE_UNITS = ['KB', 'MB', 'GB'];
const attachmentStatusLabel = new Map([['pending', 'Upload not finished'], ['available', 'Available']]);
/** How often the relative times in a task's details ("2 minutes ago") are brought up to date, in milliseconds. */
const CLOCK_TICK = 30_000;

// Where the API is and how users sign in (config.json); a sign-in that just came back is finished before the page's
// address is read, so the code and state it carried are gone from it.
const config = await loadConfig();
const session = config.signIn ? createSession(config.signIn, { onChange: onSessionChange }) : null;
const signInFailure = session ? await session.start().then(() => null, (error) => error) : null;

const params = new URLSearchParams(window.location.search);
const state = {
  /** The access token the user gave in Settings, or '' (with a sign-in, the session's tokens are used instead). */
  token: session ? '' : initialToken(),
  api: null,
  limit: pageSize(params.get('limit')),
  next: null,
  generation: 0,
  /** The tasks loaded, in the API's order (a task added here comes first): what either layout shows. */
  tasks: [],
  /** How the tasks are shown: LIST or BOARD. */
  layout: params.get('layout') === BOARD ? BOARD : LIST,
  /** Their order: '' (the API's, newest first) or BY_DUE. */
  sort: params.get('sort') === BY_DUE ? BY_DUE : '',
  /** The card being dragged, while it is: its card, where the press began, the column it would drop into. */
  drag: null,
  /** The ids of the tasks whose move the API has not answered yet. */
  moving: new Set(),
  pendingDelete: null,
  /** What the task list shows: MINE, ASSIGNED, or a shared list's id. */
  view: initialView(),
  /** The caller, from GET /me, once known: {user_id, name}. */
  me: null,
  mePromise: Promise.resolve(null),
  /** The caller's lists by id, each with the caller's role. */
  lists: new Map(),
  listsPromise: Promise.resolve(),
  /** The list shown, fresh from GET /lists/{id}, and its members. */
  current: null,
  members: [],
  /** Members of other lists, by list id, for assigning tasks shown under "Assigned to me". */
  memberCache: new Map(),
  /** The list whose invitation code is on show. */
  invitationFor: null,
  pendingConfirm: null,
  listDialogMode: 'create',
  /** The task whose details (comments and history) are open, with what the panel has loaded of them; or null. */
  detail: null,
  /** Whether the API has attachments: false once it answered their listing like an unknown path; null until then. */
  filesSupported: null,
  clock: null,
};
state.api = createApi(initialBase(), currentToken());

// ---- settings: where the API is, and who the user is ------------------------------------------------------------

function initialBase() {
  const fromQuery = params.get('api');
  if (fromQuery !== null && (fromQuery === '' || isHttpUrl(fromQuery))) return fromQuery;
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored && isHttpUrl(stored)) return stored;
  } catch {
    // Storage can be disabled; the board then simply uses the configured API, or this server.
  }
  return config.apiUrl !== null && (config.apiUrl === '' || isHttpUrl(config.apiUrl)) ? config.apiUrl : '';
}

/** What each request authenticates with: the signed-in user's current ID token, or the token from Settings. */
function currentToken() {
  return session ? () => session.token() : state.token;
}

function initialToken() {
  try {
    const stored = window.sessionStorage.getItem(TOKEN_KEY);
    if (stored && isToken(stored)) return stored;
  } catch {
    // Without storage the board sends no token.
  }
  return '';
}

function initialView() {
  const fromQuery = params.get('list');
  if (fromQuery === ASSIGNED) return ASSIGNED;
  if (fromQuery && fromQuery !== MINE && fromQuery.length <= 100) return fromQuery;
  return MINE;
}

/** The task whose details the page's address asks for (`?task=<id>`), or ''. */
function initialTask() {
  const fromQuery = params.get('task');
  return fromQuery && fromQuery.length <= 100 ? fromQuery : '';
}

/** The address of a task's details: the board as it is shown, with that task open. */
function taskUrl(id) {
  const query = new URLSearchParams(params);
  query.set('task', id);
  return window.location.pathname + '?' + query.toString();
}

function isHttpUrl(text) {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash;
  } catch {
    return false;
  }
}

/** A bearer token is one line of visible ASCII characters (a JWT is three base64url parts). */
function isToken(text) {
  return /^[\x21-\x7e]+$/.test(text);
}

function pageSize(text) {
  const n = Number.parseInt(text ?? '', 10);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : DEFAULT_LIMIT;
}

function showApiBase() {
  const root = state.api.root;
  $('api-base-label').textContent = root === '' ? 'this server' : root;
  $('api-tasks-link').href = (root === '' ? '' : root + '/') + 'tasks';
  $('api-health-link').href = (root === '' ? '' : root + '/') + 'health/ready';
  // The documentation pages are the local server's own; a deployed API (on another origin) does not serve them.
  $('api-docs-link').parentElement.hidden = root !== '';
  $('api-openapi-link').parentElement.hidden = root !== '';
}

function openSettings() {
  const input = $('api-base-input');
  input.value = state.api.root;
  setFieldError(input, $('api-base-error'), '');
  const token = $('token-input');
  token.value = state.token;
  setFieldError(token, $('token-error'), '');
  $('settings-dialog').showModal();
  input.focus();
}

function closeSettings() {
  $('token-input').value = '';
  $('settings-dialog').close();
  $('settings-button').focus();
}

function saveSettings(event) {
  event.preventDefault();
  const input = $('api-base-input');
  const value = input.value.trim().replace(/\/+$/, '');
  setFieldError(input, $('api-base-error'), '');
  if (value !== '' && !isHttpUrl(value)) {
    setFieldError(input, $('api-base-error'), 'Enter a URL starting with http:// or https://, or leave it empty.');
    input.focus();
    return;
  }
  const tokenInput = $('token-input');
  const token = tokenInput.value.trim().replace(/^bearer\s+/i, '');
  setFieldError(tokenInput, $('token-error'), '');
  if (token !== '' && !isToken(token)) {
    setFieldError(tokenInput, $('token-error'),
      'A token is one line of letters, digits and punctuation, without spaces: paste it again, or leave it empty.');
    tokenInput.focus();
    return;
  }
  try {
    if (value === '') window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, value);
  } catch {
    // Without storage the choice lasts until the page is reloaded.
  }
  try {
    if (token === '') window.sessionStorage.removeItem(TOKEN_KEY);
    else window.sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Likewise for the token.
  }
  if (params.has('api')) {
    params.delete('api');
    updateUrl();
  }
  state.token = session ? '' : token;
  state.api = createApi(value, currentToken());
  showApiBase();
  closeSettings();
  refreshAll();
}

// ---- signing in (only where config.json names a sign-in) -----------------------------------------------------------

/**
 * Shows who is signed in, or, when nobody is, a page that offers only to sign in, with `reason` when the session ended
 * without the user asking; answers whether someone is signed in.
 */
function showSession(reason = '') {
  const signedIn = session.signedIn();
  $('sign-in-button').hidden = signedIn;
  $('sign-out-button').hidden = !signedIn;
  $('token-field').hidden = true;
  if (!signedIn) {
    for (const part of $('main').children) part.hidden = part.id !== 'signed-out' && part.id !== 'alert';
    $('signed-out').hidden = false;
    $('me-label').textContent = 'not signed in';
    if (reason) showAlert(reason);
  }
  return signedIn;
}

/** The session changed by itself: refreshed (nothing to show) or ended (the board asks to sign in again). */
function onSessionChange(reason) {
  if (!session.signedIn()) showSession(reason);
}

/** Sends the user to the sign-in page, or says in words why that cannot happen. */
function signIn() {
  session.signIn().catch((error) => showAlert(error.message));
}

function signOut() {
  $('sign-out-button').disabled = true;
  session.signOut();
}

function updateUrl() {
  const query = params.toString();
  window.history.replaceState(null, '', window.location.pathname + (query ? '?' + query : ''));
}

async function loadMe() {
  const api = state.api;
  const label = $('me-label');
  try {
    const me = await api.me();
    if (api !== state.api) return null;
    state.me = me;
    label.textContent = me.name && me.name !== me.user_id ? `${me.user_id} (${me.name})` : me.user_id;
  } catch (error) {
    if (api !== state.api) return null;
    state.me = null;
    label.textContent = error instanceof ApiError && error.status === 401 ? 'not signed in' : 'unknown';
  }
  applyView();
  return state.me;
}

const isMe = (userId) => state.me !== null && state.me.user_id === userId;

// ---- messages -----------------------------------------------------------------------------------------------------

/**
 * Shows `text` with a Dismiss button in `alert`: the page's alert, or the one in a task's details. An `action`
 * ({label, run}) adds a button before it that does what may help, such as "Try again" or "Reload".
 */
function showAlert(text, alert = $('alert'), action = null) {
  alert.replaceChildren();
  const message = document.createElement('p');
  message.textContent = text;
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.className = 'secondary small';
  dismiss.textContent = 'Dismiss';
  dismiss.addEventListener('click', () => clearAlert(alert));
  if (action) {
    const act = document.createElement('button');
    act.type = 'button';
    act.className = 'small alert-action';
    act.textContent = action.label;
    act.addEventListener('click', () => {
      clearAlert(alert);
      action.run();
    });
    alert.append(message, act, dismiss);
  } else {
    alert.append(message, dismiss);
  }
}

/** Whether the same request may work if sent again: no answer, too many requests, racing writers, a server fault. */
function isRetryable(error) {
  return error instanceof NetworkError
    || (error instanceof ApiError && (error.status === 409 || error.status === 429 || error.status >= 500));
}

/** An alert's action that runs `run` again, named `label`, for a failure that trying again may cure; else none. */
function retryAction(error, label, run) {
  return isRetryable(error) ? { label, run } : null;
}

function clearAlert(alert = $('alert')) {
  alert.replaceChildren();
}

function announce(text) {
  $('list-status').textContent = text;
}

/** Says what happened to a list, its members or invitations. */
function announceLists(text) {
  $('lists-status').textContent = text;
}

/** Words for a failure that is not about one field. */
function describe(error) {
  if (error instanceof NetworkError) {
    const where = error.base === '' ? 'this server' : error.base;
    const cors = error.base === '' ? '' : ` and that it allows requests from ${window.location.origin} (CORS)`;
    return `Could not reach the API at ${where}. Check that the server is running${cors}.`;
  }
  if (error instanceof ApiError) {
    const retry = error.retryAfter ? ` Try again in ${error.retryAfter} seconds.` : '';
    let advice = '';
    if (error.status === 401) {
      if (session) advice = ' The API no longer accepts your sign-in: sign out, then sign in again.';
      else if (state.api.hasToken) advice = ' Open Settings and enter a new access token: the API does not accept this one.';
      else advice = ' This API needs to know who you are: open Settings and enter your access token.';
    } else if (error.status === 403) {
      advice = ' Your role in the list does not allow it; the board now shows what your role allows.';
    }
    return `${error.message} (HTTP ${error.status}).${advice}${retry}`;
  }
  return `Something went wrong in the page: ${error.message}`;
}

const isListNotFound = (error) => error instanceof ApiError && error.status === 404
  && error.message === 'List not found';

function setFieldError(input, output, text) {
  output.textContent = text;
  if (text) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

/**
 * Shows validation errors next to their fields in `form` and focuses the first; anything else goes to the alert, with
 * `action` (such as Try again) when there is one. `sent` is the body the API refused, to name a tag it refused.
 */
function showFailure(error, form, { sent = {}, action = null } = {}) {
  if (error instanceof ApiError && error.status === 400 && error.errors.length > 0 && form) {
    const said = new Map();
    const elsewhere = [];
    for (const { field, message } of error.errors) {
      // An element of a list is named with its index, such as tags[2].
      const [, name, index] = /^(\w+)(?:\[(\d+)\])?$/.exec(field) ?? [field, field];
      const input = form.elements.namedItem(name);
      if (input && FIELDS.includes(name)) {
        said.set(input, [...(said.get(input) ?? []), fieldWords(name, index, sent, message)]);
      } else {
        elsewhere.push(`${field}: ${message}`);
      }
    }
    for (const [input, words] of said) setFieldError(input, errorOf(input), words.join(' '));
    if (elsewhere.length > 0) showAlert(`${error.message}: ${elsewhere.join('; ')}.`);
    said.keys().next().value?.focus();
    return;
  }
  showAlert(describe(error), $('alert'), action);
  afterRefusal(error);
}

/** The API's words about a field, as a sentence: "Task must not be empty.", "Tag “Work” must be lowercase." */
function fieldWords(name, index, sent, message) {
  if (name === 'tags' && index !== undefined) {
    const tag = sent.tags?.[Number(index)];
    return tag === undefined ? `Tag ${Number(index) + 1} ${message}.` : `Tag “${tag}” ${message}.`;
  }
  return `${labelOf(name)} ${message}.`;
}

function labelOf(field) {
  return {
    task: 'Task', status: 'Status', priority: 'Priority', assignee: 'Assignee', description: 'Description',
    due_date: 'Due date', tags: 'Tags',
  }[field] ?? field;
}

/** The element that says what is wrong with `input`: by convention, its id followed by -error. */
function errorOf(input) {
  return document.getElementById(`${input.id}-error`);
}

function clearFieldErrors(form) {
  for (const field of FIELDS) {
    const input = form.elements.namedItem(field);
    if (input) setFieldError(input, errorOf(input), '');
  }
}

/**
 * Says at the due date when what was typed there is not a whole date (the browser then gives no value, which would
 * silently mean "none"); answers whether the date, or its absence, can be sent.
 */
function dueDateComplete(form) {
  const input = form.elements.namedItem('due_date');
  if (!input || !input.validity.badInput) return true;
  setFieldError(input, errorOf(input), 'Due date is incomplete: enter its day, month and year, or clear it.');
  input.focus();
  return false;
}

/**
 * After the API refused something in a list: a 403 means the caller's role changed since the page learnt it, so the
 * board asks again and shows what the role allows now; a 404 for the list means it is gone for the caller.
 */
function afterRefusal(error) {
  if (!(error instanceof ApiError)) return;
  if (state.view === ASSIGNED && error.status === 403) {
    state.listsPromise = loadLists().then(rerenderTasks);
  } else if (isList(state.view) && error.status === 403) {
    refreshCurrentList();
  } else if (isList(state.view) && isListNotFound(error)) {
    listGone();
  }
}

// ---- views and permissions ----------------------------------------------------------------------------------------

const isList = (view) => view !== MINE && view !== ASSIGNED;
const canWrite = (role) => role === 'owner' || role === 'editor';

/** The caller's role where a task lives: a task in no list is the caller's own. */
function roleIn(listId) {
  if (!listId) return 'owner';
  if (state.current && state.current.id === listId) return state.current.role;
  return state.lists.get(listId)?.role ?? null;
}

const canEditTask = (task) => canWrite(roleIn(task.list_id));

function listName(listId) {
  if (state.current && state.current.id === listId) return state.current.name;
  return state.lists.get(listId)?.name ?? 'a shared list';
}

function memberName(member) {
  return (member.name || member.user_id) + (isMe(member.user_id) ? ' (you)' : '');
}

/** How the board names a user: "you", a member's name, or the user id. */
function personName(userId, members) {
  if (isMe(userId)) return 'you';
  const member = members.find((m) => m.user_id === userId);
  return member?.name || userId;
}

/** Who a task of `listId` may be assigned to, or null while that list's members are not known yet. */
function assigneeChoices(listId) {
  const choices = [['', 'Nobody']];
  if (!listId) {
    if (state.me) choices.push([state.me.user_id, 'Me']);
    return choices;
  }
  const members = state.current && state.current.id === listId ? state.members : state.memberCache.get(listId);
  if (!members) return null;
  for (const member of members) choices.push([member.user_id, memberName(member)]);
  return choices;
}

async function membersOf(listId) {
  const members = await state.api.members(listId);
  state.memberCache.set(listId, members);
  return members;
}

/** Sets the options of a select, leaving it alone (focus, an open menu) when they are the same. */
function replaceOptions(select, options) {
  const shown = (element) => [...element.querySelectorAll('option')]
    .map((option) => `${option.value} ${option.textContent}`).join('\n');
  const wanted = document.createElement('select');
  wanted.append(...options);
  if (shown(wanted) !== shown(select)) select.replaceChildren(...wanted.children);
}

/** Offers `choices` ([value, text] pairs) in a select, keeping `selected`. */
function fillChoices(element, choices, selected) {
  const options = choices.map(([value, text]) => new Option(text, value));
  if (selected && !choices.some(([value]) => value === selected)) {
    // Someone no longer a member (or not known yet): kept as it is, not silently changed.
    options.push(new Option(selected, selected));
  }
  replaceOptions(element, options);
  element.value = selected ?? '';
}

function viewTitle() {
  if (state.view === MINE) return 'My tasks';
  if (state.view === ASSIGNED) return 'Assigned to me';
  return state.current ? state.current.name : 'Shared list';
}

/** Shows what the view allows: the heading, the filters, and whether (and to whom) new tasks can be added. */
function applyView() {
  const view = state.view;
  const current = isList(view) ? state.current : null;
  $('tasks-heading').textContent = viewTitle();

  const assigned = view === ASSIGNED;
  $('filter-status').disabled = assigned;
  $('filter-priority').disabled = assigned;
  $('filters-note').hidden = !assigned;

  let reason = '';
  if (assigned) {
    reason = 'The tasks assigned to you are in your own tasks or in lists: show My tasks or a list to add one.';
  } else if (current && !canWrite(current.role)) {
    reason = `You are a viewer in “${current.name}”: only its editors and owners add tasks.`;
  }
  const blocked = assigned || (isList(view) && (!current || !canWrite(current.role)));
  // A view where the caller cannot add tasks hides the form, and says why instead.
  const form = $('new-task-form');
  for (const element of form.elements) element.disabled = blocked;
  form.classList.toggle('blocked', blocked);
  form.hidden = blocked;
  $('new-task-note').textContent = reason;
  $('new-task-note').hidden = reason === '';
  $('new-task-heading').textContent = current ? `New task in “${current.name}”` : 'New task';

  const assignee = $('new-task-assignee');
  fillChoices(assignee, assigneeChoices(current ? current.id : null) ?? [['', 'Nobody']], assignee.value);

  const readOnly = current && !canWrite(current.role);
  $('read-only-note').hidden = !readOnly;
  $('read-only-note').textContent = readOnly
    ? `Read only: you are a viewer in “${current.name}”. You see its tasks; its editors and owners change them.`
    : '';
}

function renderViewOptions() {
  const select = $('view-select');
  const options = [new Option('My tasks', MINE), new Option('Assigned to me', ASSIGNED)];
  const lists = [...state.lists.values()];
  if (isList(state.view) && !state.lists.has(state.view)) {
    lists.unshift(state.current && state.current.id === state.view
      ? state.current : { id: state.view, name: 'Loading the list…', role: null });
  }
  if (lists.length > 0) {
    const group = document.createElement('optgroup');
    group.label = 'Shared lists';
    for (const list of lists) {
      group.append(new Option(list.role ? `${list.name} (${list.role})` : list.name, list.id));
    }
    options.push(group);
  }
  replaceOptions(select, options);
  select.value = state.view;
}

async function loadLists() {
  const api = state.api;
  try {
    const lists = await api.lists();
    if (api !== state.api) return;
    state.lists = new Map(lists.map((list) => [list.id, list]));
  } catch {
    // The task listing reports the same failure (no token, the server down), or the API has no lists.
    if (api !== state.api) return;
    state.lists = new Map();
  }
  renderViewOptions();
}

/** Shows `view` (MINE, ASSIGNED or a list's id) and loads its tasks. */
function setView(view, options = {}) {
  if (view !== state.view) {
    state.current = null;
    state.members = [];
    $('new-task-assignee').value = '';
    announceLists('');
    renderListPanel();
  }
  state.view = view;
  if (view === MINE) params.delete('list');
  else params.set('list', view);
  updateUrl();
  if (view === ASSIGNED) {
    $('filter-status').value = '';
    $('filter-priority').value = '';
  }
  renderViewOptions();
  loadFirstPage(options);
}

/** The list shown is gone for the caller: deleted, or they were removed from it. */
function listGone() {
  showAlert('List not found (HTTP 404). It was deleted, or you are no longer a member of it;'
    + ' showing your own tasks instead.');
  state.lists.delete(state.view);
  state.listsPromise = loadLists();
  setView(MINE, { keepAlert: true });
}

/** Asks again for the list shown and its members, and shows what the caller's role there allows now. */
async function refreshCurrentList() {
  const view = state.view;
  if (!isList(view)) return;
  try {
    const [list, members] = await Promise.all([state.api.getList(view), state.api.members(view)]);
    if (view !== state.view) return;
    showList(list, members);
    applyView();
    rerenderTasks();
  } catch (error) {
    if (view !== state.view) return;
    if (isListNotFound(error)) listGone();
    else showAlert(describe(error));
  }
}

function showList(list, members) {
  state.current = list;
  state.members = members;
  state.memberCache.set(list.id, members);
  state.lists.set(list.id, list);
  renderViewOptions();
  renderListPanel();
}

// ---- the list's panel: role, members, invitations ------------------------------------------------------------------

const ROLE_TEXT = {
  owner: (name) => `You are an owner of “${name}”: you rename or delete it, invite people, manage its members, and`
    + ' add, edit, assign and delete its tasks.',
  editor: (name) => `You are an editor in “${name}”: you add, edit, assign and delete its tasks. Its owners manage`
    + ' the list and its members.',
  viewer: (name) => `You are a viewer in “${name}”: read only. You see its tasks and members; its editors and owners`
    + ' change them.',
};

function renderListPanel() {
  const current = isList(state.view) ? state.current : null;
  $('list-panel').hidden = !current;
  if (!current) {
    $('member-list').replaceChildren();
    return;
  }
  const owner = current.role === 'owner';
  $('list-role').textContent = (ROLE_TEXT[current.role] ?? (() => `Your role: ${current.role}.`))(current.name);
  $('rename-list').hidden = !owner;
  $('delete-list').hidden = !owner;

  const soleOwner = owner && state.members.filter((m) => m.role === 'owner').length <= 1;
  const leave = $('leave-list');
  leave.disabled = soleOwner || !state.me;
  $('leave-reason').textContent = soleOwner
    ? 'You are its only owner: make another member an owner before you leave, or delete the list.' : '';

  $('invite-section').hidden = !owner;
  if (state.invitationFor !== current.id) {
    $('invitation').hidden = true;
    $('invitation-code').value = '';
  }
  $('member-list').replaceChildren(...state.members.map((member, index) => renderMember(member, index, soleOwner)));
}

function renderMember(member, index, soleOwner) {
  const item = document.createElement('li');
  item.className = 'member';
  item.dataset.userId = member.user_id;

  const who = document.createElement('div');
  who.className = 'member-who';
  const name = document.createElement('span');
  name.className = 'member-name';
  name.textContent = memberName(member);
  who.append(name);
  if (member.name) {
    const id = document.createElement('span');
    id.className = 'member-id';
    id.textContent = member.user_id;
    who.append(' ', id);
  }

  const controls = document.createElement('div');
  controls.className = 'member-controls';
  const shown = member.name || member.user_id;
  if (state.current.role === 'owner') {
    const role = document.createElement('select');
    role.className = 'member-role';
    role.id = `member-role-${index}`;
    role.setAttribute('aria-label', `Role of ${shown}`);
    fillChoices(role, ROLES, member.role);
    if (soleOwner && isMe(member.user_id)) {
      role.disabled = true;
      role.setAttribute('aria-describedby', 'leave-reason');
    }
    role.addEventListener('change', () => {
      if (!isMe(member.user_id) || role.value === 'owner') {
        changeRole(member, role);
        return;
      }
      // Giving up one's own owner role cannot be undone alone: ask first.
      const wanted = role.value;
      confirmThen({
        title: `Make yourself ${article(wanted)} ${wanted} in “${state.current.name}”?`,
        text: 'You will no longer manage the list, its members or its invitations; only another owner can make you'
          + ' an owner again.',
        confirm: `Make me ${article(wanted)} ${wanted}`,
        opener: role,
        onCancel: () => {
          role.value = member.role;
        },
      }, () => changeRole(member, role));
    });
    controls.append(role);
    if (!isMe(member.user_id)) {
      controls.append(button('Remove', 'danger-outline small remove-member', `Remove ${shown} from the list`,
        () => askRemoveMember(member)));
    }
  } else {
    const role = document.createElement('span');
    role.className = `badge role-${member.role}`;
    role.textContent = roleLabel.get(member.role) ?? member.role;
    controls.append(role);
  }
  item.append(who, controls);
  return item;
}

function focusMemberControl(userId, selector) {
  const item = [...$('member-list').children].find((li) => li.dataset.userId === userId);
  (item?.querySelector(selector) ?? $('members-heading'))?.focus();
}

async function changeRole(member, select) {
  const list = state.current;
  const role = select.value;
  select.disabled = true;
  clearAlert();
  try {
    const updated = await state.api.setRole(list.id, member.user_id, role);
    const shown = member.name || member.user_id;
    if (isMe(member.user_id)) {
      await refreshCurrentList();
    } else {
      state.members = state.members.map((m) => (m.user_id === updated.user_id ? updated : m));
      state.memberCache.set(list.id, state.members);
      renderListPanel();
    }
    focusMemberControl(member.user_id, '.member-role');
    announceLists(isMe(member.user_id) ? `You are now ${article(role)} ${role} in the list.`
      : `${shown} is now ${article(role)} ${role}.`);
  } catch (error) {
    select.value = member.role;
    select.disabled = false;
    showAlert(describe(error));
    afterRefusal(error);
  }
}

const article = (role) => (role === 'owner' || role === 'editor' ? 'an' : 'a');

function askRemoveMember(member) {
  const list = state.current;
  const shown = member.name || member.user_id;
  const opener = document.activeElement;
  confirmThen({
    title: `Remove ${shown} from “${list.name}”?`,
    text: 'They no longer see the list or its tasks, and the tasks assigned to them are unassigned.',
    confirm: 'Remove',
    opener,
  }, async () => {
    clearAlert();
    try {
      await state.api.removeMember(list.id, member.user_id);
      announceLists(`${shown} was removed from the list.`);
      await refreshCurrentList();
      $('members-heading').focus();
      loadFirstPage();
    } catch (error) {
      showAlert(describe(error));
      afterRefusal(error);
    }
  });
}

function askLeave() {
  const list = state.current;
  confirmThen({
    title: `Leave “${list.name}”?`,
    text: 'You no longer see the list or its tasks, and the tasks assigned to you there are unassigned. To come'
      + ' back, you need a new invitation.',
    confirm: 'Leave list',
    opener: $('leave-list'),
  }, async () => {
    clearAlert();
    try {
      await state.api.removeMember(list.id, state.me.user_id);
      state.lists.delete(list.id);
      state.listsPromise = loadLists();
      setView(MINE);
      announceLists(`You left “${list.name}”.`);
      $('view-select').focus();
    } catch (error) {
      showAlert(describe(error));
      afterRefusal(error);
    }
  });
}

function askDeleteList() {
  const list = state.current;
  confirmThen({
    title: `Delete the list “${list.name}”?`,
    text: 'Its tasks, members and invitations are deleted for everyone. This cannot be undone.',
    confirm: 'Delete list',
    opener: $('delete-list'),
  }, async () => {
    clearAlert();
    try {
      await state.api.deleteList(list.id);
      state.lists.delete(list.id);
      state.listsPromise = loadLists();
      setView(MINE);
      announceLists(`The list “${list.name}” was deleted.`);
      $('view-select').focus();
    } catch (error) {
      showAlert(describe(error));
      afterRefusal(error);
    }
  });
}

async function invite(event) {
  event.preventDefault();
  const list = state.current;
  const role = $('invite-role').value;
  const submit = $('invite-button');
  submit.disabled = true;
  clearAlert();
  try {
    const invitation = await state.api.invite(list.id, role);
    state.invitationFor = list.id;
    const code = $('invitation-code');
    code.value = invitation.code;
    const until = dateFormat.format(new Date(invitation.expires_at * 1000));
    $('invitation-hint').textContent = `Gives the ${invitation.role} role in “${list.name}”. It works once, until`
      + ` ${until}, and is shown only now: copy it and give it to the person you invite, who chooses`
      + ' “Join with a code”.';
    $('invitation').hidden = false;
    code.focus();
    code.select();
    announceLists(`Invitation code for ${article(invitation.role)} ${invitation.role} created.`);
  } catch (error) {
    showAlert(describe(error));
    afterRefusal(error);
  } finally {
    submit.disabled = false;
  }
}

async function copyCode() {
  const code = $('invitation-code');
  try {
    await navigator.clipboard.writeText(code.value);
    announceLists('The code is copied.');
  } catch {
    code.focus();
    code.select();
    announceLists('The page may not copy here: the code is selected, press Ctrl+C (or ⌘C) to copy it.');
  }
}

// ---- dialogs for lists: create, rename, join, confirm --------------------------------------------------------------

function openListDialog(mode) {
  state.listDialogMode = mode;
  const rename = mode === 'rename';
  $('list-dialog-title').textContent = rename ? 'Rename the list' : 'New list';
  $('list-save').textContent = rename ? 'Rename' : 'Create list';
  const input = $('list-name');
  input.value = rename ? state.current.name : '';
  setFieldError(input, $('list-name-error'), '');
  $('list-dialog').showModal();
  input.focus();
  if (rename) input.select();
}

function closeListDialog() {
  $('list-dialog').close();
}

async function saveList(event) {
  event.preventDefault();
  const input = $('list-name');
  const error = $('list-name-error');
  const save = $('list-save');
  setFieldError(input, error, '');
  save.disabled = true;
  try {
    if (state.listDialogMode === 'rename') {
      const list = await state.api.renameList(state.current.id, input.value);
      closeListDialog();
      showList(list, state.members);
      applyView();
      announceLists(`The list is now called “${list.name}”.`);
      $('rename-list').focus();
    } else {
      const list = await state.api.createList(input.value);
      closeListDialog();
      state.lists.set(list.id, list);
      state.listsPromise = loadLists();
      setView(list.id);
      announceLists(`The list “${list.name}” is created, and you are its owner.`);
      $('view-select').focus();
    }
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 400 && failure.errors.length > 0) {
      setFieldError(input, error, failure.errors
        .map(({ field, message }) => `${field === 'name' ? 'Name' : field} ${message}.`).join(' '));
    } else {
      setFieldError(input, error, describe(failure));
      afterRefusal(failure);
    }
    input.focus();
  } finally {
    save.disabled = false;
  }
}

function openJoinDialog() {
  const input = $('join-code');
  input.value = '';
  setFieldError(input, $('join-code-error'), '');
  $('join-dialog').showModal();
  input.focus();
}

async function join(event) {
  event.preventDefault();
  const input = $('join-code');
  const error = $('join-code-error');
  const code = input.value.trim();
  setFieldError(input, error, '');
  if (code === '') {
    setFieldError(input, error, 'Enter the invitation code you were given.');
    input.focus();
    return;
  }
  const save = $('join-save');
  save.disabled = true;
  try {
    const list = await state.api.join(code);
    $('join-dialog').close();
    state.lists.set(list.id, list);
    state.listsPromise = loadLists();
    setView(list.id);
    announceLists(`You joined “${list.name}” as ${article(list.role)} ${list.role}.`);
    $('view-select').focus();
  } catch (failure) {
    const text = failure instanceof ApiError && failure.status === 404
      ? 'No invitation has this code: check it. A code works only once, and for 7 days.'
      : describe(failure);
    setFieldError(input, error, text);
    input.focus();
  } finally {
    save.disabled = false;
  }
}

/** Asks before `action`; Cancel or Escape runs `onCancel`, if any, and returns to `opener`. */
function confirmThen({ title, text, confirm, opener, onCancel }, action) {
  state.pendingConfirm = { action, opener, onCancel };
  $('confirm-title').textContent = title;
  $('confirm-text').textContent = text;
  $('confirm-ok').textContent = confirm;
  const dialog = $('confirm-dialog');
  dialog.returnValue = '';
  dialog.showModal();
}

function onConfirmDialogClose() {
  const pending = state.pendingConfirm;
  state.pendingConfirm = null;
  if (!pending) return;
  if ($('confirm-dialog').returnValue !== 'confirm') {
    pending.onCancel?.();
    if (pending.opener?.isConnected) pending.opener.focus();
    return;
  }
  pending.action();
}

// ---- the task list ------------------------------------------------------------------------------------------------

function filters() {
  return { status: $('filter-status').value, priority: $('filter-priority').value };
}

function matchesFilters(task) {
  const { status, priority } = filters();
  return (!status || task.status === status) && (!priority || task.priority === priority);
}

/** Whether the view shown lists `task`. */
function belongsHere(task) {
  if (state.view === ASSIGNED) return isMe(task.assignee);
  if (state.view === MINE) return !task.list_id && matchesFilters(task);
  return task.list_id === state.view && matchesFilters(task);
}

function taskQuery(view) {
  if (view === ASSIGNED) return { assignedToMe: true, limit: state.limit };
  return { ...filters(), limit: state.limit, listId: isList(view) ? view : '' };
}

/** Loads the first page of the view shown; `message` is announced before the count. */
async function loadFirstPage({ keepAlert = false, message = '' } = {}) {
  const generation = ++state.generation;
  const view = state.view;
  stopDrag();
  for (const shown of taskViews()) shown.setAttribute('aria-busy', 'true');
  announce('Loading tasks…');
  announceMove('');
  $('load-more').hidden = true;
  applyView();
  try {
    const [page, shared] = await Promise.all([
      state.api.list(taskQuery(view)),
      isList(view) ? Promise.all([state.api.getList(view), state.api.members(view)]) : null,
      // Both are asked for with the tasks, and needed to show them (names, roles); they never fail.
      state.listsPromise,
      state.mePromise,
    ]);
    if (generation !== state.generation) return;
    if (!keepAlert) clearAlert();
    if (shared) showList(...shared);
    applyView();
    showLoaded(page.items);
    state.next = page.next;
    updateListStatus(message);
  } catch (error) {
    if (generation !== state.generation) return;
    showLoaded([]);
    state.next = null;
    if (isList(view) && isListNotFound(error)) {
      listGone();
      return;
    }
    announce('Tasks could not be loaded.');
    showAlert(describe(error), $('alert'), retryAction(error, 'Reload', () => loadFirstPage()));
  } finally {
    if (generation === state.generation) {
      for (const shown of taskViews()) shown.removeAttribute('aria-busy');
    }
  }
}

/** Where the tasks are shown: the list and the board (one of them hidden). */
function taskViews() {
  return [$('task-list'), $('task-board')];
}

/** Shows `tasks`, a first page, in place of whatever was shown. */
function showLoaded(tasks) {
  state.tasks = [...tasks];
  clearTaskViews();
  renderTasks();
}

/** Empties the list and the board's columns. */
function clearTaskViews() {
  $('task-list').replaceChildren();
  for (const cards of $('task-board').querySelectorAll('.card-list')) cards.replaceChildren();
}

async function loadMore() {
  const generation = state.generation;
  const button = $('load-more');
  button.disabled = true;
  try {
    const page = await state.api.list({ ...taskQuery(state.view), next: state.next });
    if (generation !== state.generation) return;
    clearAlert();
    const known = new Set(state.tasks.map((task) => task.id));
    const added = page.items.filter((task) => !known.has(task.id));
    state.tasks.push(...added);
    renderTasks();
    state.next = page.next;
    updateListStatus();
    // The button may now be gone; continue where the new tasks start.
    if (added.length > 0) shownItem(added[0].id)?.focus();
  } catch (error) {
    showAlert(describe(error), $('alert'), retryAction(error, 'Try again', loadMore));
    afterRefusal(error);
  } finally {
    button.disabled = false;
  }
}

function updateListStatus(prefix = '') {
  const { status, priority } = filters();
  const shown = state.tasks.length;
  $('load-more').hidden = !state.next;
  let text;
  if (shown === 0) {
    if (state.view === ASSIGNED) text = 'No tasks are assigned to you.';
    else if (status || priority) text = 'No tasks match these filters.';
    else if (state.view === MINE) text = 'No tasks yet: add one above.';
    else if (canWrite(state.current?.role)) text = 'No tasks in this list yet: add one above.';
    else text = 'No tasks in this list yet.';
  } else {
    const noun = shown === 1 ? 'task' : 'tasks';
    text = `Showing ${shown} ${noun}${state.next ? '; more are available' : ''}.`;
  }
  announce(prefix ? `${prefix} ${text}` : text);
}

function renderTask(task) {
  const item = document.createElement('li');
  item.className = 'task';
  item.dataset.id = task.id;
  item.tabIndex = -1;
  item.task = task;
  item.append(renderView(task));
  return item;
}

function renderView(task) {
  const view = document.createElement('div');
  view.className = 'task-view';

  const text = document.createElement('p');
  text.className = 'task-text';
  text.append(taskLink(task));

  const actions = document.createElement('div');
  actions.className = 'task-actions';
  if (canEditTask(task)) {
    const edit = button('Edit', 'secondary edit', `Edit task: ${task.task}`, () => startEdit(task));
    const remove = button('Delete', 'danger-outline delete', `Delete task: ${task.task}`, () => askDelete(task));
    actions.append(edit, remove);
  } else if (state.view === ASSIGNED) {
    actions.append(metaText('read-only', 'Read only: you are a viewer in its list'));
  }

  view.append(text, taskMeta(task, { listed: true }), ...taskDetails(task), actions);
  return view;
}

/** The task's text as a link, so its details have an address of their own (opened in another tab, they show there). */
function taskLink(task) {
  const open = document.createElement('a');
  open.className = 'task-open';
  open.href = taskUrl(task.id);
  open.textContent = task.task;
  open.setAttribute('aria-describedby', 'task-open-hint');
  open.addEventListener('click', (event) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    openDetail(task);
  });
  return open;
}

/**
 * A task's facts in a line: its status and creation (in the list; a card's column says its status), priority, whether
 * it is overdue, its due date, and whom it is assigned to (or, under "Assigned to me", where it is).
 */
function taskMeta(task, { listed }) {
  const meta = document.createElement('p');
  meta.className = 'task-meta';
  const parts = [];
  if (listed) parts.push(metaText(`badge status-${task.status}`, statusLabel.get(task.status) ?? task.status));
  parts.push(metaText(`badge priority-${task.priority}`,
    `${priorityLabel.get(task.priority) ?? task.priority} priority`));
  // In words, not by colour alone.
  if (isOverdue(task)) parts.push(metaText('badge overdue', 'Overdue'));
  if (task.due_date) parts.push(dueTime(task.due_date));
  if (listed) {
    const created = document.createElement('time');
    const date = new Date(task.created_at * 1000);
    created.dateTime = date.toISOString();
    created.textContent = `Created ${dateFormat.format(date)}`;
    parts.push(created);
  }
  if (state.view === ASSIGNED) {
    parts.push(metaText('task-list-name', task.list_id ? `In ${listName(task.list_id)}` : 'In My tasks'));
  } else if (task.assignee) {
    parts.push(metaText('task-assignee', `Assigned to ${personName(task.assignee, state.members)}`));
  }
  parts.forEach((part, index) => meta.append(...(index > 0 ? [' ', part] : [part])));
  return meta;
}

/** "Due 12 Mar 2026", as a <time> of that day. */
function dueTime(date) {
  const time = document.createElement('time');
  time.className = 'task-due';
  time.dateTime = date;
  time.textContent = `Due ${day(date)}`;
  return time;
}

/** A task's tags and description, those it has: a list of tags, then the text with its line breaks. */
function taskDetails(task) {
  const details = [];
  if (task.tags?.length > 0) {
    const tags = document.createElement('ul');
    tags.className = 'tags';
    tags.setAttribute('aria-label', 'Tags');
    for (const tag of task.tags) {
      const item = document.createElement('li');
      item.className = 'tag';
      item.textContent = tag;
      tags.append(item);
    }
    details.push(tags);
  }
  if (task.description) {
    const description = document.createElement('p');
    description.className = 'task-description';
    description.textContent = task.description;
    details.push(description);
  }
  return details;
}

/** Today in the user's own time zone, written as the API writes dates (YYYY-MM-DD), so the two compare as text. */
function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Overdue: due before today, and neither completed nor cancelled. */
function isOverdue(task) {
  return Boolean(task.due_date) && task.due_date < today() && !CLOSED.has(task.status);
}

function metaText(className, text) {
  const element = document.createElement('span');
  element.className = className;
  element.textContent = text;
  return element;
}

/** Renders the tasks again, as the caller's role or the members changed; tasks being edited stay as they are. */
function rerenderTasks() {
  if (state.layout === BOARD) {
    keepingFocus(() => renderBoard(true));
    return;
  }
  for (const item of $('task-list').children) {
    if (item.querySelector('form.task-edit')) {
      if (!canEditTask(item.task)) endEdit(item.task);
      continue;
    }
    const focused = item.contains(document.activeElement) ? document.activeElement.className : null;
    item.replaceChildren(renderView(item.task));
    if (focused !== null) {
      const control = focused ? item.querySelector(`.task-view .${focused.split(' ').pop()}`) : null;
      (control ?? item).focus();
    }
  }
}

function button(text, className, label, onClick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = text;
  element.setAttribute('aria-label', label);
  element.addEventListener('click', onClick);
  return element;
}

function itemOf(id) {
  return [...$('task-list').children].find((item) => item.dataset.id === id) ?? null;
}

/** The card of a task on the board, or null. */
function cardOf(id) {
  return [...$('task-board').querySelectorAll('li.card')].find((card) => card.dataset.id === id) ?? null;
}

/** Where a task is shown in the layout chosen: its item in the list, or its card on the board; or null. */
function shownItem(id) {
  return state.layout === BOARD ? cardOf(id) : itemOf(id);
}

// ---- the tasks loaded, in either layout, in the order chosen -------------------------------------------------------

/** The tasks loaded in the order chosen: the API's (newest first), or by due date, soonest first, undated last. */
function orderedTasks() {
  // Sorting is stable: tasks due the same day, and those without a date, keep the API's order among themselves.
  return state.sort === BY_DUE ? [...state.tasks].sort(byDueDate) : state.tasks;
}

/** Soonest due date first; a task without one after every task with one. */
function byDueDate(a, b) {
  if ((a.due_date ?? '') === (b.due_date ?? '')) return 0;
  if (!a.due_date) return 1;
  if (!b.due_date) return -1;
  return a.due_date < b.due_date ? -1 : 1;
}

/** Keeps `task` as the loaded copy of the task with its id, where it is. */
function storeTask(task) {
  const index = state.tasks.findIndex((loaded) => loaded.id === task.id);
  if (index >= 0) state.tasks[index] = task;
}

/** Forgets a loaded task (deleted, or no longer in the view). */
function forgetTask(id) {
  state.tasks = state.tasks.filter((loaded) => loaded.id !== id);
}

/** Shows the tasks loaded in the layout chosen, in the order chosen, keeping what is already shown as it is. */
function renderTasks() {
  if (state.layout === BOARD) renderBoard(false);
  else renderList();
}

/** The list: an item per task, in order; an item being edited stays as it is. */
function renderList() {
  const list = $('task-list');
  const shown = new Map([...list.children].map((item) => [item.dataset.id, item]));
  const items = orderedTasks().map((task) => {
    const item = shown.get(task.id);
    if (!item) return renderTask(task);
    if (item.task !== task && !item.querySelector('form.task-edit')) {
      // Changed while shown elsewhere (a move on the board): shown as it is now.
      item.task = task;
      item.replaceChildren(renderView(task));
    }
    return item;
  });
  placeChildren(list, items);
}

/**
 * Makes `wanted` the children of `parent`, in that order, moving only those out of place, and puts the focus back
 * where it was if a move took it away.
 */
function placeChildren(parent, wanted) {
  const focused = document.activeElement;
  const keep = new Set(wanted);
  for (const child of [...parent.children]) {
    if (!keep.has(child)) child.remove();
  }
  let next = parent.firstElementChild;
  for (const element of wanted) {
    if (element === next) next = next.nextElementSibling;
    else parent.insertBefore(element, next);
  }
  if (focused && focused !== document.activeElement && focused.isConnected) focused.focus({ preventScroll: true });
}

/** Runs `render`, then brings the focus back to the same control of the same task if rendering took it away. */
function keepingFocus(render) {
  const active = document.activeElement;
  const holder = active?.closest?.('li.task, li.card');
  render();
  if (!holder || (active.isConnected && document.activeElement === active)) return;
  focusIn(holder.dataset.id, active === holder ? null : active.classList[active.classList.length - 1]);
}

/** Focuses the control of class `control` in the task's item or card, or the item or card itself. */
function focusIn(id, control) {
  const item = shownItem(id);
  if (!item) return;
  // Only a control that is shown: a card's "Move to…" choices, say, are closed in its new column.
  const target = control ? [...item.querySelectorAll(`.${control}`)].find((e) => e.getClientRects().length > 0) : null;
  (target ?? item).focus();
}

/** Shows the tasks as a list or as a board, kept in the page's address (`?layout=board`). */
function setLayout(layout) {
  if (layout === state.layout) return;
  stopDrag();
  state.layout = layout === BOARD ? BOARD : LIST;
  if (state.layout === BOARD) params.set('layout', BOARD);
  else params.delete('layout');
  updateUrl();
  applyLayout();
  // The other layout is built afresh from the tasks loaded (an edit under way in the list is left).
  clearTaskViews();
  renderTasks();
  updateListStatus(`${state.layout === BOARD ? 'Board' : 'List'} layout.`);
}

/** Shows the layout chosen: its switch, its container and its hint. */
function applyLayout() {
  const board = state.layout === BOARD;
  $('layout-list').checked = !board;
  $('layout-board').checked = board;
  $('task-list').hidden = board;
  $('task-board').hidden = !board;
  $('board-hint').hidden = !board;
}

/** Orders the tasks loaded as the API does or by due date, kept in the page's address (`?sort=due`). */
function setSort(sort) {
  state.sort = sort === BY_DUE ? BY_DUE : '';
  if (state.sort) params.set('sort', BY_DUE);
  else params.delete('sort');
  updateUrl();
  keepingFocus(renderTasks);
  updateListStatus(state.sort ? 'Sorted by due date, soonest first.' : 'Newest first.');
}

// ---- the board: a column per status, cards moved by dragging or by keyboard ----------------------------------------

/** Builds the board's columns, one per status, each a region named by its heading, which counts its cards. */
function buildBoard() {
  $('task-board').replaceChildren(...STATUSES.map(([status, label]) => {
    const column = document.createElement('section');
    column.className = 'board-column';
    column.dataset.status = status;
    const heading = document.createElement('h3');
    heading.id = `column-${status}-heading`;
    heading.className = 'column-heading';
    heading.append(metaText('column-name', label), ' ', metaText('column-count', ''));
    column.setAttribute('aria-labelledby', heading.id);
    const cards = document.createElement('ul');
    cards.className = 'card-list';
    cards.setAttribute('aria-labelledby', heading.id);
    column.append(heading, cards);
    return column;
  }));
}

/** The board: each task's card in its status's column, in order; `fresh` renders every card anew (a role changed). */
function renderBoard(fresh) {
  const shown = new Map([...$('task-board').querySelectorAll('li.card')].map((card) => [card.dataset.id, card]));
  const columns = new Map(STATUSES.map(([status]) => [status, []]));
  for (const task of orderedTasks()) {
    const card = shown.get(task.id);
    columns.get(task.status)?.push(!fresh && card?.task === task ? card : renderCard(task));
  }
  for (const column of $('task-board').children) {
    const cards = columns.get(column.dataset.status);
    placeChildren(column.querySelector('.card-list'), cards);
    column.querySelector('.column-count').textContent = cardCount(cards.length);
  }
}

/** A column's count in words: "no tasks", "1 task", "3 tasks". */
function cardCount(count) {
  if (count === 0) return 'no tasks';
  return count === 1 ? '1 task' : `${count} tasks`;
}

/**
 * A task's card: its text (which opens its details), its facts, tags and description; for those who may change it, a
 * handle to drag it by and a "Move to…" button, and Alt+← / Alt+→ while it has focus.
 */
function renderCard(task) {
  const card = document.createElement('li');
  card.className = 'card';
  card.dataset.id = task.id;
  card.tabIndex = -1;
  card.task = task;
  const head = document.createElement('div');
  head.className = 'card-head';
  const text = document.createElement('p');
  text.className = 'card-text';
  text.append(taskLink(task));
  head.append(text);
  card.append(head, taskMeta(task, { listed: false }), ...taskDetails(task));
  if (canEditTask(task)) {
    head.prepend(dragHandle(card));
    card.append(moveControl(card));
    card.addEventListener('keydown', (event) => onCardKey(event, card));
  } else if (state.view === ASSIGNED) {
    card.append(metaText('read-only', 'Read only: you are a viewer in its list'));
  }
  if (state.moving.has(task.id)) {
    card.classList.add('moving');
    card.setAttribute('aria-busy', 'true');
  }
  return card;
}

/** Says where a card went, or why it did not, in the board's polite live region. */
function announceMove(text) {
  $('move-status').textContent = text;
}

/**
 * Moves a task to the column of `status`: the card moves at once, then the API changes the status alone (a merge
 * patch); a refusal puts the card back and says why. `focus` names the card's control to focus afterwards (null: the
 * card), when the focus was in the card.
 */
async function moveTask(task, status, focus = null) {
  if (task.status === status || state.moving.has(task.id)) return;
  const generation = state.generation;
  const to = statusLabel.get(status) ?? status;
  state.moving.add(task.id);
  clearAlert();
  showMove({ ...task, status }, focus);
  announceMove(`Moving “${task.task}” to ${to}…`);
  try {
    const moved = await state.api.patch(task.id, { status });
    state.moving.delete(task.id);
    if (generation !== state.generation) return;
    if (belongsHere(moved)) {
      showMove(moved, focus);
      announceMove(`Moved “${moved.task}” to ${to}.`);
    } else {
      forgetTask(moved.id);
      renderTasks();
      updateListStatus();
      announceMove(`Moved “${moved.task}” to ${to}; it no longer matches the filters, so it is hidden.`);
    }
  } catch (error) {
    state.moving.delete(task.id);
    if (generation !== state.generation) return;
    showMove(task, focus);
    const from = statusLabel.get(task.status) ?? task.status;
    announceMove(`“${task.task}” stays in ${from}: it could not be moved.`);
    showAlert(`“${task.task}” was not moved to ${to}. ${describe(error)}`, $('alert'),
      moveAction(error, task, status));
    afterRefusal(error);
  }
}

/** Shows a task's card where its status puts it, keeping the focus on it when the focus was in it. */
function showMove(task, focus) {
  const had = document.activeElement?.closest?.('li.card, li.task')?.dataset.id === task.id;
  storeTask(task);
  renderTasks();
  if (had) focusIn(task.id, focus);
}

/** What may help after a refused move: trying it again, or, when the task is gone, reloading the tasks. */
function moveAction(error, task, status) {
  if (error instanceof ApiError && error.status === 404 && !isListNotFound(error)) {
    return { label: 'Reload', run: () => loadFirstPage() };
  }
  return retryAction(error, 'Try again', () => {
    const current = state.tasks.find((loaded) => loaded.id === task.id);
    if (current) moveTask(current, status, null);
  });
}

/** Alt+← and Alt+→ move the card that has focus, or holds it, to the column before or after its own. */
function onCardKey(event, card) {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
  // Taken here: in a browser these keys otherwise go back or forward in the history.
  event.preventDefault();
  const order = STATUSES.map(([status]) => status);
  const task = card.task;
  const index = order.indexOf(task.status) + (event.key === 'ArrowLeft' ? -1 : 1);
  if (index < 0 || index >= order.length) {
    announceMove(`“${task.task}” is already in the ${index < 0 ? 'first' : 'last'} column,`
      + ` ${statusLabel.get(task.status) ?? task.status}.`);
    return;
  }
  const active = document.activeElement;
  const control = active === card ? null : active.classList[active.classList.length - 1];
  moveTask(task, order[index], control);
}

/** A card's "Move to…" button and the columns it offers, each a button: a move without dragging. */
function moveControl(card) {
  const task = card.task;
  const wrapper = document.createElement('div');
  wrapper.className = 'move';
  const menu = document.createElement('div');
  menu.className = 'move-menu';
  menu.id = `move-${task.id}`;
  menu.hidden = true;
  menu.setAttribute('role', 'group');
  menu.setAttribute('aria-label', `Move “${task.task}” to`);
  const toggle = button('Move to…', 'secondary small move-toggle', `Move to…: ${task.task}`,
    () => setMoveMenu(card, menu.hidden));
  toggle.setAttribute('aria-expanded', 'false');
  toggle.setAttribute('aria-controls', menu.id);
  for (const [status, label] of STATUSES) {
    if (status === task.status) continue;
    menu.append(button(label, 'secondary small move-option', `Move “${task.task}” to ${label}`, () => {
      setMoveMenu(card, false);
      moveTask(card.task, status, 'move-toggle');
    }));
  }
  menu.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    setMoveMenu(card, false);
    toggle.focus();
  });
  wrapper.addEventListener('focusout', (event) => {
    if (event.relatedTarget && !wrapper.contains(event.relatedTarget)) setMoveMenu(card, false);
  });
  wrapper.append(toggle, menu);
  return wrapper;
}

/** Opens or closes a card's "Move to…" choices; opening moves the focus to the first. */
function setMoveMenu(card, open) {
  const menu = card.querySelector('.move-menu');
  const toggle = card.querySelector('.move-toggle');
  if (!menu || menu.hidden === !open) return;
  menu.hidden = !open;
  toggle.setAttribute('aria-expanded', String(open));
  if (open) menu.querySelector('button')?.focus();
}

/** A press outside every card's "Move to…" closes their choices. */
function closeMoveMenus(event) {
  for (const card of $('task-board').querySelectorAll('li.card')) {
    if (!card.querySelector('.move')?.contains(event.target)) setMoveMenu(card, false);
  }
}

/**
 * The handle a card is dragged by, with a mouse, a pen or a finger: Pointer Events, since HTML drag and drop knows no
 * touch (and cannot be driven by tests). Hidden from assistive technology: the keyboard has Move to… and Alt+arrows.
 */
function dragHandle(card) {
  const handle = document.createElement('span');
  handle.className = 'drag-handle';
  handle.title = 'Drag to another column';
  handle.setAttribute('aria-hidden', 'true');
  handle.addEventListener('pointerdown', (event) => pressHandle(event, card));
  handle.addEventListener('pointermove', dragMove);
  handle.addEventListener('pointerup', dragEnd);
  handle.addEventListener('pointercancel', stopDrag);
  handle.addEventListener('lostpointercapture', stopDrag);
  return handle;
}

/** A press on a handle: watched from now on (the handle captures the pointer); it drags once it travels. */
function pressHandle(event, card) {
  // A drag whose card was rendered anew meanwhile (a role changed) is over.
  if (state.drag && !state.drag.card.isConnected) stopDrag();
  if (event.button !== 0 || state.drag || state.moving.has(card.task.id)) return;
  // No text selection, and no scrolling from a finger on the handle (its CSS says so too: touch-action).
  event.preventDefault();
  event.currentTarget.setPointerCapture(event.pointerId);
  const box = card.getBoundingClientRect();
  state.drag = {
    card, pointerId: event.pointerId, startX: event.clientX, startY: event.clientY,
    grabX: event.clientX - box.left, grabY: event.clientY - box.top, started: false, target: null, placeholder: null,
  };
}

/** The pointer moves with a card: the card follows it, and the column under it is highlighted as where it would go. */
function dragMove(event) {
  const drag = state.drag;
  if (!drag || event.pointerId !== drag.pointerId) return;
  if (!drag.started) {
    if (Math.hypot(event.clientX - drag.startX, event.clientY - drag.startY) < DRAG_THRESHOLD) return;
    drag.started = true;
    drag.card.classList.add('dragging');
    $('task-board').classList.add('dragging');
    setMoveMenu(drag.card, false);
  }
  scrollNearEdges(event);
  setDropTarget(drag, columnAt(event.clientX, event.clientY));
  // Measured from where the card sits now (a scroll or the placeholder may have moved it): it stays under the pointer.
  // Set through the CSSOM, which the page's style-src policy allows, unlike style attributes.
  drag.card.style.transform = '';
  const home = drag.card.getBoundingClientRect();
  drag.card.style.transform = `translate(${event.clientX - drag.grabX - home.left}px,`
    + ` ${event.clientY - drag.grabY - home.top}px)`;
}

/** The pointer is released: over another column, the card moves there; anywhere else, it goes back. */
function dragEnd(event) {
  const drag = state.drag;
  if (!drag || event.pointerId !== drag.pointerId) return;
  const status = drag.target?.dataset.status;
  stopDrag();
  if (status) moveTask(drag.card.task, status, null);
}

/** Ends a drag, if one is under way, and leaves the card where it was. */
function stopDrag() {
  const drag = state.drag;
  state.drag = null;
  if (!drag) return;
  drag.card.classList.remove('dragging');
  drag.card.style.transform = '';
  $('task-board').classList.remove('dragging');
  drag.target?.classList.remove('drop-target');
  drag.placeholder?.remove();
}

/** The column under a point of the window, or null. */
function columnAt(x, y) {
  const board = $('task-board').getBoundingClientRect();
  if (x < board.left || x > board.right) return null;
  return [...$('task-board').children].find((column) => {
    const box = column.getBoundingClientRect();
    return x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
  }) ?? null;
}

/** Highlights the column a dragged card would drop into, with a placeholder where it would land; its own is none. */
function setDropTarget(drag, column) {
  const target = column && column.dataset.status !== drag.card.task.status ? column : null;
  if (target === drag.target) return;
  drag.target?.classList.remove('drop-target');
  drag.placeholder?.remove();
  drag.target = target;
  drag.placeholder = null;
  if (!target) return;
  target.classList.add('drop-target');
  const placeholder = document.createElement('li');
  placeholder.className = 'card-placeholder';
  placeholder.setAttribute('aria-hidden', 'true');
  placeholder.textContent = `Drop to move to ${statusLabel.get(target.dataset.status)}`;
  // Where the card will be: after the column's cards that come before it in the order shown.
  const order = orderedTasks().map((task) => task.id);
  const before = order.indexOf(drag.card.task.id);
  const cards = target.querySelector('.card-list');
  const after = [...cards.children].find((card) => order.indexOf(card.dataset.id) > before) ?? null;
  cards.insertBefore(placeholder, after);
  drag.placeholder = placeholder;
}

/** Near the edge of the board (whose columns scroll sideways on a phone) or of the window, a drag scrolls them. */
function scrollNearEdges(event) {
  const board = $('task-board');
  const box = board.getBoundingClientRect();
  if (board.scrollWidth > board.clientWidth) {
    if (event.clientX < box.left + DRAG_EDGE) board.scrollLeft -= DRAG_SCROLL;
    else if (event.clientX > box.right - DRAG_EDGE) board.scrollLeft += DRAG_SCROLL;
  }
  if (event.clientY < DRAG_EDGE) window.scrollBy(0, -DRAG_SCROLL);
  else if (event.clientY > window.innerHeight - DRAG_EDGE) window.scrollBy(0, DRAG_SCROLL);
}

/** Empties a date field, even one typed in part, and says nothing is wrong with it any more. */
function clearDate(input) {
  input.value = '';
  setFieldError(input, errorOf(input), '');
  input.focus();
}

/** Escape while dragging puts the card back. */
function onDragKey(event) {
  if (event.key !== 'Escape' || !state.drag) return;
  stopDrag();
  announceMove('Move cancelled: the card stays where it was.');
}

/** Sets up the layouts: the board's columns, the switch and the order as the page's address says, and their events. */
function startLayouts() {
  buildBoard();
  applyLayout();
  $('sort-select').value = state.sort;
  for (const radio of document.querySelectorAll('input[name="layout"]')) {
    radio.addEventListener('change', (event) => setLayout(event.target.value));
  }
  $('sort-select').addEventListener('change', (event) => setSort(event.target.value));
  $('new-task-due-clear').addEventListener('click', () => clearDate($('new-task-due')));
  document.addEventListener('keydown', onDragKey);
  document.addEventListener('pointerdown', closeMoveMenus);
}

// ---- create -------------------------------------------------------------------------------------------------------

async function createTask(event) {
  event.preventDefault();
  const form = $('new-task-form');
  if (form.classList.contains('blocked')) return;
  clearFieldErrors(form);
  clearAlert();
  if (!dueDateComplete(form)) return;
  const submit = $('add-task');
  submit.disabled = true;
  const fields = newTaskFields(form);
  try {
    const task = await state.api.create(fields);
    for (const name of ['task', 'description', 'tags', 'due_date']) form.elements[name].value = '';
    form.elements.task.focus();
    if (belongsHere(task)) {
      state.tasks.unshift(task);
      renderTasks();
      updateListStatus();
      announce(`Task added. ${$('list-status').textContent}`);
    } else {
      announce('Task added; the current filters hide it.');
    }
  } catch (error) {
    showFailure(error, form, { sent: fields, action: retryAction(error, 'Try again', () => form.requestSubmit()) });
  } finally {
    submit.disabled = form.classList.contains('blocked');
  }
}

/** The new task as the API takes it: the optional fields only when given, tags as a list. */
function newTaskFields(form) {
  const fields = {
    task: form.elements.task.value,
    status: form.elements.status.value,
    priority: form.elements.priority.value,
  };
  if (isList(state.view)) fields.list_id = state.view;
  for (const name of ['assignee', 'description', 'due_date', 'tags']) {
    const value = fieldValue(name, form.elements[name].value);
    if (value !== null) fields[name] = value;
  }
  return fields;
}

/** A field's text as the API takes it: null for an empty optional field, tags as a list. */
function fieldValue(name, text) {
  switch (name) {
    case 'tags': {
      const tags = parseTags(text);
      return tags.length > 0 ? tags : null;
    }
    case 'description':
      // The API keeps a description without its surrounding whitespace, and refuses one with nothing else.
      return text.trim() === '' ? null : text;
    case 'assignee':
    case 'due_date':
      return text === '' ? null : text;
    default:
      return text;
  }
}

/** The tags typed, as the API takes them: split at commas, trimmed, empty ones left out, each once, in order. */
function parseTags(text) {
  const tags = [];
  for (const part of text.split(',')) {
    const tag = part.trim();
    if (tag !== '' && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

/** A field of a task as a form shows it: '' when the task has none, tags separated by commas. */
function formText(task, name) {
  const value = task[name];
  if (value === undefined || value === null) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

// ---- edit in place ------------------------------------------------------------------------------------------------

function startEdit(task) {
  const item = itemOf(task.id);
  if (!item) return;
  const choices = assigneeChoices(task.list_id);
  if (choices === null) {
    // A task of another list, shown under "Assigned to me": its members are needed to offer them.
    membersOf(task.list_id).then(() => startEdit(task), (error) => {
      showAlert(describe(error));
    });
    return;
  }
  const form = document.createElement('form');
  form.className = 'task-edit';
  form.noValidate = true;
  const prefix = `edit-${task.id}`;
  const assignee = document.createElement('select');
  fillChoices(assignee, choices, task.assignee ?? '');
  const due = dateInput(formText(task, 'due_date'));
  form.append(
    field(prefix, 'task', 'Task', textInput(task.task)),
    field(prefix, 'status', 'Status', select(STATUSES, task.status)),
    field(prefix, 'priority', 'Priority', select(PRIORITIES, task.priority)),
    field(prefix, 'assignee', 'Assignee', assignee),
    field(prefix, 'description', 'Description', textArea(formText(task, 'description')), DESCRIPTION_HINT),
    field(prefix, 'tags', 'Tags', textInput(formText(task, 'tags')), TAGS_HINT),
    field(prefix, 'due_date', 'Due date', due, '',
      button('Clear', 'secondary small clear-date', 'Clear the due date', () => clearDate(due))),
  );
  const notice = document.createElement('p');
  notice.className = 'edit-notice note';
  notice.setAttribute('role', 'status');
  const conflict = document.createElement('div');
  conflict.className = 'edit-conflict';
  conflict.setAttribute('role', 'alert');
  const actions = document.createElement('div');
  actions.className = 'actions';
  const save = document.createElement('button');
  save.type = 'submit';
  save.className = 'save';
  save.textContent = 'Save';
  const cancel = button('Cancel', 'secondary cancel', `Cancel editing task: ${task.task}`,
    () => endEdit(form.edit.base));
  actions.append(save, cancel);
  form.append(notice, conflict, actions);
  form.addEventListener('submit', (event) => saveEdit(event, task, form));
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      endEdit(form.edit.base);
    }
  });
  item.replaceChildren(form);
  form.edit = startVersion(task, form);
  form.elements.task.focus();
}

/**
 * Asks for the task as it is now, with its version (ETag), which the save sends as If-Match so that it never
 * overwrites a change made meanwhile. Fields not yet touched take the current values; one touched that someone else
 * changed too is a conflict at once. Answers the edit's state: `ready` settles once the answer is in.
 */
function startVersion(shown, form) {
  const edit = { base: shown, etag: null, stale: false, ready: null };
  edit.ready = state.api.getVersioned(shown.id).then(({ task: current, etag }) => {
    edit.etag = etag;
    // The version being edited, on the form for whoever inspects the page (and for tests to wait on).
    form.dataset.version = etag ?? '';
    if (!form.isConnected || sameTask(current, shown)) return;
    edit.stale = takeCurrent(form, shown, current);
    edit.base = current;
    storeTask(current);
    const item = itemOf(current.id);
    if (item) item.task = current;
    if (!edit.stale) {
      form.querySelector('.edit-notice').textContent = 'This task had changed since the list was loaded: the form'
        + ' now shows it as it is.';
    }
  }, () => {
    // Asked again when saving, where a failure is said in words.
  });
  return edit;
}

/** Whether two copies of a task agree on every field the edit form shows. */
function sameTask(a, b) {
  return FIELDS.every((name) => formText(a, name) === formText(b, name));
}

/**
 * Puts the task's current values into the fields the user has not changed yet; answers whether the user changed a
 * field that someone else changed too.
 */
function takeCurrent(form, shown, current) {
  let clash = false;
  for (const name of FIELDS) {
    const input = form.elements.namedItem(name);
    if (!input || formText(shown, name) === formText(current, name)) continue;
    if (input.value !== formText(shown, name)) clash = true;
    else if (name !== 'assignee') input.value = formText(current, name);
    else fillChoices(input, assigneeChoices(current.list_id) ?? [['', 'Nobody']], current.assignee ?? '');
  }
  return clash;
}

/** A labelled field of the edit form, with its error line, and a `hint` and an `extra` control when given. */
function field(prefix, name, label, input, hint = '', extra = null) {
  const wrapper = document.createElement('div');
  wrapper.className = `field field-${name}`;
  input.id = `${prefix}-${name}`;
  input.name = name;
  const labelElement = document.createElement('label');
  labelElement.htmlFor = input.id;
  labelElement.textContent = label;
  const error = document.createElement('p');
  error.className = 'field-error';
  error.id = `${input.id}-error`;
  input.setAttribute('aria-describedby', error.id);
  wrapper.append(labelElement);
  if (extra) {
    const row = document.createElement('div');
    row.className = 'date-row';
    row.append(input, extra);
    wrapper.append(row);
  } else {
    wrapper.append(input);
  }
  if (hint) {
    const help = document.createElement('p');
    help.className = 'hint';
    help.id = `${input.id}-hint`;
    help.textContent = hint;
    input.setAttribute('aria-describedby', `${help.id} ${error.id}`);
    wrapper.append(help);
  }
  wrapper.append(error);
  return wrapper;
}

function textInput(value) {
  const input = document.createElement('input');
  input.type = 'text';
  input.autocomplete = 'off';
  input.value = value;
  return input;
}

/** A text area for a description, whose line breaks are kept. */
function textArea(value) {
  const area = document.createElement('textarea');
  area.rows = 3;
  area.spellcheck = true;
  area.value = value;
  return area;
}

/** A date picker, holding a day as the API writes it (YYYY-MM-DD) or nothing. */
function dateInput(value) {
  const input = document.createElement('input');
  input.type = 'date';
  input.value = value;
  return input;
}

function select(options, selected) {
  const element = document.createElement('select');
  for (const [value, text] of options) {
    const option = new Option(text, value, false, value === selected);
    element.append(option);
  }
  return element;
}

/** Shows `task` in its item again, in place of the edit form, where the order puts it; focus on its Edit button. */
function endEdit(task) {
  const item = itemOf(task.id);
  if (!item) return;
  storeTask(task);
  item.task = task;
  item.replaceChildren(renderView(task));
  (item.querySelector('.edit') ?? item).focus();
  // A new due date can move the task when the list is sorted by it.
  keepingFocus(renderTasks);
}

/** What the edit form changes of `base`, as the API takes it: only the fields changed, null for one emptied. */
function formChanges(form, base) {
  const changes = {};
  for (const name of FIELDS) {
    const input = form.elements.namedItem(name);
    if (!input) continue;
    const value = fieldValue(name, input.value);
    if (JSON.stringify(value) !== JSON.stringify(base[name] ?? null)) changes[name] = value;
  }
  return changes;
}

async function saveEdit(event, task, form) {
  event.preventDefault();
  clearFieldErrors(form);
  clearAlert();
  showConflict(form, false);
  if (!dueDateComplete(form)) return;
  const save = form.querySelector('.save');
  save.disabled = true;
  const edit = form.edit;
  // The version the edit started from, asked for when it began (and asked again here if that failed).
  await edit.ready;
  if (!form.isConnected) return;
  let changes = {};
  try {
    if (!edit.etag) await refetchVersion(edit);
    if (edit.stale) {
      save.disabled = false;
      showConflict(form, true);
      return;
    }
    changes = formChanges(form, edit.base);
    if (Object.keys(changes).length === 0) {
      endEdit(edit.base);
      return;
    }
    const updated = await state.api.update(task.id, changes, { ifMatch: edit.etag });
    if (belongsHere(updated)) {
      endEdit(updated);
      announce('Task updated.');
    } else {
      removeItem(updated.id);
      announce(state.view === ASSIGNED
        ? 'Task updated; it is no longer assigned to you, so it is hidden.'
        : 'Task updated; it no longer matches the filters, so it is hidden.');
    }
  } catch (error) {
    save.disabled = false;
    if (error instanceof ApiError && error.status === 412) {
      showConflict(form, true);
      return;
    }
    if (error instanceof ApiError && error.status === 404 && !isListNotFound(error)) {
      removeItem(task.id);
    }
    showFailure(error, form, {
      sent: changes,
      action: retryAction(error, 'Try again', () => form.isConnected && form.requestSubmit()),
    });
  }
}

/** The task's version, asked for again when asking at the start of the edit failed; a change since is a conflict. */
async function refetchVersion(edit) {
  const { task: current, etag } = await state.api.getVersioned(edit.base.id);
  edit.stale = !sameTask(current, edit.base);
  edit.etag = etag;
}

/**
 * Shows (or hides) next to the edit form that someone changed the task since the edit began, with a button that
 * reloads it, leaving the edit: what was typed is based on a version that is gone.
 */
function showConflict(form, shown) {
  const conflict = form.querySelector('.edit-conflict');
  if (!shown) {
    conflict.replaceChildren();
    return;
  }
  const words = document.createElement('p');
  words.textContent = 'Someone changed this task since you started editing. Reload it to see their changes, then'
    + ' edit again.';
  const id = form.edit.base.id;
  const reload = button('Reload task', 'reload-task', 'Reload task', (event) => reloadTask(id, event.currentTarget));
  conflict.replaceChildren(words, reload);
}

/** Reads a task afresh and shows it as it is now, in place of an edit that can no longer be saved. */
async function reloadTask(id, control) {
  control.disabled = true;
  clearAlert();
  try {
    const task = await state.api.get(id);
    if (belongsHere(task)) {
      endEdit(task);
      announce('Task reloaded: it shows the latest changes. Edit it again to change it.');
    } else {
      removeItem(id);
      announce('Task reloaded; it no longer matches the filters, so it is hidden.');
    }
  } catch (error) {
    control.disabled = false;
    if (error instanceof ApiError && error.status === 404 && !isListNotFound(error)) removeItem(id);
    showAlert(describe(error), $('alert'), retryAction(error, 'Try again', () => reloadTask(id, control)));
    afterRefusal(error);
  }
}

// ---- delete -------------------------------------------------------------------------------------------------------

function askDelete(task) {
  state.pendingDelete = task;
  $('delete-text').textContent = task.task;
  const dialog = $('delete-dialog');
  // Escape leaves the previous answer in place, so start each question without one.
  dialog.returnValue = '';
  dialog.showModal();
}

async function onDeleteDialogClose() {
  const task = state.pendingDelete;
  state.pendingDelete = null;
  const dialog = $('delete-dialog');
  if (!task) return;
  if (dialog.returnValue !== 'delete') {
    itemOf(task.id)?.querySelector('.delete')?.focus();
    return;
  }
  clearAlert();
  try {
    await state.api.remove(task.id);
    removeItem(task.id);
    announce('Task deleted.');
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && !isListNotFound(error)) removeItem(task.id);
    showAlert(describe(error));
    afterRefusal(error);
  }
}

/** Removes a task's item or card and moves focus to a neighbour, so keyboard users keep their place. */
function removeItem(id) {
  forgetTask(id);
  const item = shownItem(id);
  if (!item) return;
  const neighbour = item.nextElementSibling ?? item.previousElementSibling;
  item.remove();
  renderTasks();
  updateListStatus();
  if (neighbour) neighbour.focus();
  else $('tasks-heading').focus();
}

// ---- a task's details: comments and history ----------------------------------------------------------------------

/** Opens the panel of `task`'s details, and loads its comments and history. */
function openDetail(task) {
  const detail = {
    task,
    members: [],
    /** Whether the caller may delete every comment (an owner of the task's list), not only their own. */
    moderator: false,
    commentsNext: null,
    activityNext: null,
    /** Whether the caller may attach files and delete attachments: they may write the task. */
    writer: canEditTask(task),
    /** The upload under way in this panel, or null: {filename, controller}. */
    upload: null,
    /** The task was deleted meanwhile (or the caller lost access): it leaves the list when the panel closes. */
    gone: false,
  };
  state.detail = detail;
  params.set('task', task.id);
  updateUrl();

  $('task-dialog-title').textContent = task.task;
  const meta = $('task-dialog-meta');
  const status = metaText(`badge status-${task.status}`, statusLabel.get(task.status) ?? task.status);
  const priority = metaText(`badge priority-${task.priority}`,
    `${priorityLabel.get(task.priority) ?? task.priority} priority`);
  meta.replaceChildren(status, ' ', priority, ' ');
  if (isOverdue(task)) meta.append(metaText('badge overdue', 'Overdue'), ' ');
  if (task.due_date) meta.append(dueTime(task.due_date), ' ');
  meta.append(metaText('task-list-name', task.list_id ? `In ${listName(task.list_id)}` : 'In My tasks'));
  $('task-dialog-details').replaceChildren(...taskDetails(task));
  clearAlert($('task-dialog-alert'));
  announceDetail('');
  $('comment-list').replaceChildren();
  $('activity-list').replaceChildren();
  $('comments-empty').hidden = true;
  $('comments-more').hidden = true;
  $('activity-more').hidden = true;
  const input = $('comment-text');
  input.value = '';
  setFieldError(input, $('comment-text-error'), '');
  setCommentFormEnabled(true);
  resetAttachments(detail);

  const dialog = $('task-dialog');
  if (!dialog.open) dialog.showModal();
  $('task-dialog-title').focus();
  clearInterval(state.clock);
  state.clock = setInterval(refreshTimes, CLOCK_TICK);
  loadDetail(detail);
}

/** Opens the details of the task the page's address names, once the board knows who the caller is. */
async function openDetailById(id) {
  try {
    const task = await state.api.get(id);
    openDetail(task);
  } catch (error) {
    params.delete('task');
    updateUrl();
    showAlert(describe(error));
  }
}

function onDetailClose() {
  const detail = state.detail;
  state.detail = null;
  clearInterval(state.clock);
  state.clock = null;
  params.delete('task');
  updateUrl();
  if (!detail) return;
  if (detail.gone) {
    removeItem(detail.task.id);
    return;
  }
  const item = shownItem(detail.task.id);
  (item?.querySelector('.task-open') ?? item ?? $('tasks-heading')).focus();
}

/** Says what happened in the panel (loaded, posted, deleted). */
function announceDetail(text) {
  $('task-dialog-status').textContent = text;
}

/** The members of the list of a task, for their names: none for a task in no list, or when they cannot be read. */
async function membersFor(listId) {
  if (!listId) return [];
  if (state.current && state.current.id === listId) return state.members;
  if (state.memberCache.has(listId)) return state.memberCache.get(listId);
  try {
    return await membersOf(listId);
  } catch {
    return [];
  }
}

async function loadDetail(detail) {
  const id = detail.task.id;
  const comments = $('comment-list');
  const history = $('activity-list');
  const attachments = $('attachment-list');
  comments.setAttribute('aria-busy', 'true');
  history.setAttribute('aria-busy', 'true');
  attachments.setAttribute('aria-busy', 'true');
  announceDetail('Loading comments and history…');
  try {
    const [members, commentPage, activityPage, files] = await Promise.all([
      membersFor(detail.task.list_id),
      state.api.comments(id, { limit: state.limit }),
      state.api.activity(id, { limit: state.limit }),
      // A failure here is shown in the attachments' part; the comments and the history still are.
      state.filesSupported === false ? null : state.api.attachments(id).catch((error) => error),
      // Needed to tell the caller's own comments and actions; they never fail.
      state.listsPromise,
      state.mePromise,
    ]);
    if (detail !== state.detail) return;
    detail.members = members;
    detail.moderator = roleIn(detail.task.list_id) === 'owner';
    comments.replaceChildren(...commentPage.items.map((comment) => renderComment(comment, detail)));
    detail.commentsNext = commentPage.next;
    history.replaceChildren(...activityPage.items.map((entry) => renderEntry(entry, detail)));
    detail.activityNext = activityPage.next;
    updateDetailStatus();
    showAttachments(detail, files);
  } catch (error) {
    if (detail !== state.detail) return;
    announceDetail('Comments and history could not be loaded.');
    detailFailure(error);
  } finally {
    if (detail === state.detail) {
      comments.removeAttribute('aria-busy');
      history.removeAttribute('aria-busy');
      attachments.removeAttribute('aria-busy');
    }
  }
}

/**
 * Loads the history's first page again, after a comment was posted or deleted (each adds an entry), then announces
 * `message` with the counts.
 */
async function reloadActivity(detail, message) {
  try {
    const page = await state.api.activity(detail.task.id, { limit: state.limit });
    if (detail !== state.detail) return;
    $('activity-list').replaceChildren(...page.items.map((entry) => renderEntry(entry, detail)));
    detail.activityNext = page.next;
  } catch (error) {
    if (detail === state.detail) detailFailure(error);
  }
  if (detail === state.detail) updateDetailStatus(message);
}

function updateDetailStatus(prefix = '') {
  const detail = state.detail;
  if (!detail) return;
  const comments = $('comment-list').children.length;
  const entries = $('activity-list').children.length;
  $('comments-empty').hidden = comments > 0;
  $('comments-more').hidden = !detail.commentsNext;
  $('activity-more').hidden = !detail.activityNext;
  const said = comments === 0 ? 'No comments yet'
    : `${comments} ${comments === 1 ? 'comment' : 'comments'}${detail.commentsNext ? ', more are available' : ''}`;
  const history = `${entries} ${entries === 1 ? 'change' : 'changes'} in the history`
    + (detail.activityNext ? ', older ones are available' : '');
  const text = `${said}; ${history}.`;
  announceDetail(prefix ? `${prefix} ${text}` : text);
}

/**
 * A failure in the panel, shown there (the page's alert is behind it). A task deleted meanwhile, or no longer
 * readable, can no longer be commented on, and leaves the list when the panel closes.
 */
function detailFailure(error) {
  showAlert(describe(error), $('task-dialog-alert'));
  if (error instanceof ApiError && error.status === 404 && error.message === 'Task not found') {
    const detail = state.detail;
    if (detail) {
      detail.gone = true;
      detail.writer = false;
      renderAttachControls(detail);
    }
    setCommentFormEnabled(false);
    $('comments-more').hidden = true;
    $('activity-more').hidden = true;
  }
  afterRefusal(error);
}

function setCommentFormEnabled(enabled) {
  for (const element of $('comment-form').elements) element.disabled = !enabled;
}

/** Who did something, at the start of a sentence: "You", a member's name, or the user id. */
function subject(userId, members) {
  return isMe(userId) ? 'You' : personName(userId, members);
}

/** How long ago `at` (epoch seconds) was, in words: "just now", "2 minutes ago", "yesterday", or the date. */
function ago(at) {
  const seconds = Math.round(Date.now() / 1000 - at);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return relativeFormat.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < 86400) return relativeFormat.format(-Math.floor(seconds / 3600), 'hour');
  if (seconds < 7 * 86400) return relativeFormat.format(-Math.floor(seconds / 86400), 'day');
  return `on ${dateFormat.format(new Date(at * 1000))}`;
}

/** A <time> for `at`, in words, with the exact date and time as its tooltip; kept current by refreshTimes. */
function timeAgo(at) {
  const time = document.createElement('time');
  const date = new Date(at * 1000);
  time.dateTime = date.toISOString();
  time.title = dateFormat.format(date);
  time.dataset.at = String(at);
  time.textContent = ago(at);
  return time;
}

function refreshTimes() {
  for (const time of $('task-dialog').querySelectorAll('time[data-at]')) {
    time.textContent = ago(Number(time.dataset.at));
  }
}

// ---- comments

function renderComment(comment, detail) {
  const item = document.createElement('li');
  item.className = 'comment';
  item.dataset.id = comment.id;
  item.tabIndex = -1;

  const head = document.createElement('p');
  head.className = 'comment-head';
  const author = metaText('comment-author', subject(comment.author, detail.members));
  head.append(author, ', ', timeAgo(comment.created_at));

  const text = document.createElement('p');
  text.className = 'comment-text';
  text.textContent = comment.text;
  item.append(head, text);
  if (isMe(comment.author) || detail.moderator) item.append(deleteCommentButton(comment, detail));
  item.comment = comment;
  return item;
}

function deleteCommentButton(comment, detail) {
  const whose = isMe(comment.author) ? 'your comment' : `the comment by ${personName(comment.author, detail.members)}`;
  return button('Delete', 'danger-outline small delete-comment', `Delete ${whose}: ${excerpt(comment.text)}`,
    (event) => askDeleteComment(comment, event.currentTarget));
}

/** The start of a text, on one line, for a label or a question. */
function excerpt(text) {
  const line = text.replace(/\s+/g, ' ');
  const chars = [...line];
  return chars.length > 60 ? chars.slice(0, 59).join('') + '…' : line;
}

/** Why the comment typed cannot be posted, in words, or '' (the API checks it again). */
function commentProblem(text) {
  const trimmed = text.trim();
  if (trimmed === '') return 'Comment must not be empty: write something first.';
  const length = [...trimmed].length;
  if (length > COMMENT_MAX) {
    return `Comment must be at most ${COMMENT_MAX.toLocaleString('en')} characters; it has`
      + ` ${length.toLocaleString('en')}, so shorten it by ${(length - COMMENT_MAX).toLocaleString('en')}.`;
  }
  return '';
}

async function postComment(event) {
  event.preventDefault();
  const detail = state.detail;
  if (!detail) return;
  const input = $('comment-text');
  const error = $('comment-text-error');
  setFieldError(input, error, '');
  clearAlert($('task-dialog-alert'));
  const problem = commentProblem(input.value);
  if (problem) {
    setFieldError(input, error, problem);
    input.focus();
    return;
  }
  const submit = $('comment-post');
  submit.disabled = true;
  try {
    const comment = await state.api.addComment(detail.task.id, input.value);
    if (detail !== state.detail) return;
    input.value = '';
    // The newest comment comes last. Pages not loaded yet go before it (loadMoreComments), not after.
    const item = renderComment(comment, detail);
    item.dataset.posted = 'true';
    $('comment-list').append(item);
    $('comments-empty').hidden = true;
    input.focus();
    reloadActivity(detail, 'Comment posted.');
  } catch (failure) {
    if (detail !== state.detail) return;
    if (failure instanceof ApiError && failure.status === 400 && failure.errors.length > 0) {
      setFieldError(input, error, failure.errors
        .map(({ field, message }) => `${field === 'text' ? 'Comment' : field} ${message}.`).join(' '));
      input.focus();
    } else {
      detailFailure(failure);
    }
  } finally {
    submit.disabled = detail.gone;
  }
}

async function loadMoreComments() {
  const detail = state.detail;
  const button = $('comments-more');
  button.disabled = true;
  try {
    const page = await state.api.comments(detail.task.id, { limit: state.limit, next: detail.commentsNext });
    if (detail !== state.detail) return;
    clearAlert($('task-dialog-alert'));
    const list = $('comment-list');
    const shown = new Set([...list.children].map((item) => item.dataset.id));
    const items = page.items.filter((comment) => !shown.has(comment.id))
      .map((comment) => renderComment(comment, detail));
    const posted = list.querySelector('[data-posted]');
    if (posted) posted.before(...items);
    else list.append(...items);
    detail.commentsNext = page.next;
    updateDetailStatus();
    // The button may now be gone; continue where the new comments start.
    if (items.length > 0) items[0].focus();
    else if (!detail.commentsNext) $('comments-heading').focus();
  } catch (error) {
    if (detail === state.detail) detailFailure(error);
  } finally {
    button.disabled = false;
  }
}

function askDeleteComment(comment, opener) {
  const whose = isMe(comment.author) ? 'your comment'
    : `${personName(comment.author, state.detail.members)}’s comment`;
  confirmThen({
    title: `Delete ${whose}?`,
    text: `“${excerpt(comment.text)}” goes for everyone. This cannot be undone.`,
    confirm: 'Delete comment',
    opener,
  }, () => deleteComment(comment));
}

async function deleteComment(comment) {
  const detail = state.detail;
  if (!detail) return;
  clearAlert($('task-dialog-alert'));
  try {
    await state.api.removeComment(detail.task.id, comment.id);
    if (detail !== state.detail) return;
    removeComment(comment.id);
    reloadActivity(detail, 'Comment deleted.');
  } catch (error) {
    if (detail !== state.detail) return;
    if (error instanceof ApiError && error.status === 404 && error.message === 'Comment not found') {
      removeComment(comment.id);
      updateDetailStatus('Comment deleted.');
      return;
    }
    if (error instanceof ApiError && error.status === 403) {
      // Not an owner of the list (any more): only the caller's own comments keep their Delete button.
      detail.moderator = false;
      for (const item of $('comment-list').children) {
        if (!isMe(item.comment.author)) item.querySelector('.delete-comment')?.remove();
      }
      $('comments-heading').focus();
    }
    detailFailure(error);
  }
}

/** Removes a comment's item and moves focus to a neighbour, so keyboard users keep their place. */
function removeComment(id) {
  const item = [...$('comment-list').children].find((li) => li.dataset.id === id);
  if (!item) return;
  const neighbour = item.nextElementSibling ?? item.previousElementSibling;
  item.remove();
  (neighbour ?? $('comments-heading')).focus();
}

// ---- attachments

/** Empties the attachments' part for `detail`'s task, and shows what the caller may do there. */
function resetAttachments(detail) {
  $('attachments-section').hidden = state.filesSupported === false;
  $('attachment-list').replaceChildren();
  $('attachments-empty').hidden = true;
  $('attachments-status').textContent = '';
  const input = $('attach-file');
  input.value = '';
  input.accept = ATTACHMENT_TYPES.join(',');
  setFieldError(input, $('attach-file-error'), '');
  $('upload-progress').hidden = true;
  $('task-dialog').classList.remove('dropping');
  renderAttachControls(detail);
}

/** Shows the attachments loaded with the details: `files` is their list, an error, or null (the API has none). */
function showAttachments(detail, files) {
  if (files === null || isNoAttachments(files)) {
    state.filesSupported = false;
    $('attachments-section').hidden = true;
    return;
  }
  // The role is known now (the page's address may open a task before the lists are loaded).
  detail.writer = !detail.gone && canEditTask(detail.task);
  renderAttachControls(detail);
  if (files instanceof Error) {
    $('attachments-status').textContent = 'The attachments could not be loaded.';
    detailFailure(files);
    return;
  }
  state.filesSupported = true;
  const list = $('attachment-list');
  // An upload that started meanwhile is shown already: keep it.
  const shown = new Set([...list.children].map((item) => item.dataset.id));
  list.prepend(...files.filter((file) => !shown.has(file.id)).map((file) => renderAttachment(file, detail)));
  $('attachments-empty').hidden = list.children.length > 0;
}

/** An API without attachments answers their routes like an unknown path. */
const isNoAttachments = (error) => error instanceof ApiError && error.status === 404 && error.message === 'Not found';

/** The file picker for those who may write the task; for the others, why there is none. */
function renderAttachControls(detail) {
  const writer = detail.writer;
  $('attach-form').hidden = !writer;
  const note = $('attach-note');
  let reason = '';
  if (!writer && !detail.gone) {
    const listId = detail.task.list_id;
    reason = roleIn(listId) === 'viewer'
      ? `You are a viewer in “${listName(listId)}”: you download its files; its editors and owners attach and delete them.`
      : 'Only those who may edit this task attach and delete its files.';
  }
  note.textContent = reason;
  note.hidden = reason === '';
  for (const item of $('attachment-list').children) {
    if (!writer) item.querySelector('.delete-attachment')?.remove();
  }
}

function renderAttachment(attachment, detail) {
  const item = document.createElement('li');
  item.className = 'attachment';
  item.dataset.id = attachment.id;
  item.tabIndex = -1;
  item.attachment = attachment;

  const name = document.createElement('p');
  name.className = 'attachment-name';
  name.textContent = attachment.filename;

  const meta = document.createElement('p');
  meta.className = 'attachment-meta';
  const status = metaText(`badge attachment-${attachment.status}`,
    attachmentStatusLabel.get(attachment.status) ?? attachment.status);
  meta.append(metaText('attachment-size', sizeText(attachment.size)), ', added by ',
    metaText('attachment-by', personName(attachment.uploaded_by, detail.members)), ', ',
    timeAgo(attachment.created_at), ' ', status);

  const actions = document.createElement('div');
  actions.className = 'attachment-actions';
  if (attachment.status === 'available') {
    const link = document.createElement('a');
    link.className = 'download';
    // The API's address of the attachment; a click asks it for a fresh download URL and goes there.
    link.href = state.api.attachmentUrl(detail.task.id, attachment.id);
    link.textContent = 'Download';
    link.setAttribute('aria-label', `Download ${attachment.filename}`);
    link.addEventListener('click', (event) => {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      download(attachment);
    });
    actions.append(link);
  }
  if (detail.writer) {
    actions.append(button('Delete', 'danger-outline small delete-attachment', `Delete ${attachment.filename}`,
      (event) => askDeleteAttachment(attachment, event.currentTarget)));
  }
  item.append(name, meta, actions);
  return item;
}

/** A size in words: "512 bytes", "12 KB", "1.5 MB" (of 1,024 bytes to a KB, as file managers count). */
function sizeText(bytes) {
  if (bytes < 1024) return `${bytes.toLocaleString('en')} ${bytes === 1 ? 'byte' : 'bytes'}`;
  let value = bytes / 1024;
  let unit = 0;
  while (unit < SIZE_UNITS.length - 1 && value >= 1023.95) {
    value /= 1024;
    unit += 1;
  }
  const digits = value < 10 ? 1 : 0;
  return `${value.toLocaleString('en', { maximumFractionDigits: digits })} ${SIZE_UNITS[unit]}`;
}

function announceAttachments(text) {
  $('attachments-status').textContent = text;
}

/** Says in words, at the file picker (or, for those without one, at the top of the panel), why a file is refused. */
function refuseFile(text) {
  const input = $('attach-file');
  if ($('attach-form').hidden) {
    showAlert(text, $('task-dialog-alert'));
  } else {
    setFieldError(input, $('attach-file-error'), text);
    // A file dropped high up the panel is refused down here: the words are brought into view.
    $('attach-file-error').scrollIntoView({ block: 'nearest' });
  }
}

/** Why `file` cannot be attached, in words, or '' (the API checks again, with its deployment's own limits). */
function fileProblem(file) {
  const name = `“${file.name}”`;
  if (file.size === 0) return `${name} is empty: there is nothing in it to attach.`;
  if (file.size > ATTACHMENT_MAX_BYTES) {
    return `${name} is too large to attach: it has ${file.size.toLocaleString('en')} bytes (${sizeText(file.size)}),`
      + ` and a file may have at most ${ATTACHMENT_MAX_BYTES.toLocaleString('en')} bytes`
      + ` (${sizeText(ATTACHMENT_MAX_BYTES)}).`;
  }
  if (file.type === '') {
    return `The type of ${name} is not known, so it cannot be attached. Attach ${ATTACHMENT_TYPES_TEXT}.`;
  }
  if (!ATTACHMENT_TYPES.includes(file.type.toLowerCase())) {
    return `${name} is of type ${file.type}, which cannot be attached. Attach ${ATTACHMENT_TYPES_TEXT}.`;
  }
  return '';
}

function onFileChosen() {
  const input = $('attach-file');
  const files = [...input.files];
  if (files.length === 0) return;
  attachFiles(files).finally(() => {
    // The same file can be chosen again (after a refusal, or to attach it twice).
    input.value = '';
  });
}

const hasFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');

function onDragOver(event) {
  if (!state.detail || !hasFiles(event)) return;
  // Taken here, so a file dropped on the panel is never opened in place of the board.
  event.preventDefault();
  const accepted = state.detail.writer && !$('attachments-section').hidden;
  event.dataTransfer.dropEffect = accepted ? 'copy' : 'none';
  $('task-dialog').classList.toggle('dropping', accepted);
}

function onDragLeave(event) {
  const panel = $('task-dialog');
  if (event.relatedTarget === null || !panel.contains(event.relatedTarget)) panel.classList.remove('dropping');
}

function onDrop(event) {
  const detail = state.detail;
  if (!detail || !hasFiles(event)) return;
  event.preventDefault();
  $('task-dialog').classList.remove('dropping');
  if ($('attachments-section').hidden) {
    showAlert('This API does not keep files: nothing can be attached here.', $('task-dialog-alert'));
    return;
  }
  if (!detail.writer) {
    showAlert(detail.gone ? 'This task no longer exists: nothing can be attached to it.'
      : `${$('attach-note').textContent} The file was not attached.`, $('task-dialog-alert'));
    return;
  }
  attachFiles([...event.dataTransfer.files]);
}

/** Attaches `files` one after the other, stopping at the first refused or failed. */
async function attachFiles(files) {
  const detail = state.detail;
  if (!detail) return;
  setFieldError($('attach-file'), $('attach-file-error'), '');
  clearAlert($('task-dialog-alert'));
  if (detail.upload) {
    refuseFile(`Wait until “${detail.upload.filename}” is uploaded, or cancel its upload, then attach more.`);
    return;
  }
  // Every file is checked first, so that none is uploaded when one of them is refused.
  for (const file of files) {
    const problem = fileProblem(file);
    if (problem) {
      refuseFile(files.length > 1 ? `${problem} No file was attached.` : problem);
      return;
    }
  }
  for (const file of files) {
    if (!(await attachFile(detail, file))) return;
  }
}

/**
 * Attaches one file in three steps: declares it to the API, uploads its bytes to the URL given (showing progress),
 * then completes it. Whether it was attached.
 */
async function attachFile(detail, file) {
  const shown = () => detail === state.detail;
  const taskId = detail.task.id;
  const controller = new AbortController();
  detail.upload = { filename: file.name, controller };
  showProgress(detail, file, 0);
  let attachment = null;
  try {
    const created = await state.api.addAttachment(taskId, { filename: file.name, contentType: file.type,
      size: file.size });
    attachment = created.attachment;
    if (shown()) placeAttachment(detail, attachment);
    await uploadFile(created.upload, file, {
      signal: controller.signal,
      onProgress: (fraction) => showProgress(detail, file, fraction),
    });
    const done = await state.api.completeAttachment(taskId, attachment.id);
    if (shown()) {
      placeAttachment(detail, done);
      announceAttachments(`“${done.filename}” is attached.`);
    } else {
      announce(`“${done.filename}” is attached to “${detail.task.task}”.`);
    }
    return true;
  } catch (error) {
    if (attachment) {
      // A file that did not arrive whole is no use to anyone: its attachment goes too (it would count towards the
      // task's limit for a day). Best effort: if this fails too, the API drops it after a day.
      state.api.removeAttachment(taskId, attachment.id).catch(() => {});
      if (shown()) dropAttachmentItem(attachment.id, false);
    }
    attachFailure(detail, file, error);
    return false;
  } finally {
    detail.upload = null;
    if (shown()) $('upload-progress').hidden = true;
  }
}

/** Shows or replaces an attachment's item; a new one goes last, as the list is oldest first. */
function placeAttachment(detail, attachment) {
  const list = $('attachment-list');
  const item = renderAttachment(attachment, detail);
  const old = [...list.children].find((li) => li.dataset.id === attachment.id);
  const focused = old?.contains(document.activeElement) ? document.activeElement.className : null;
  if (old) old.replaceWith(item);
  else list.append(item);
  if (focused !== null) (item.querySelector(`.${focused.split(' ').pop()}`) ?? item).focus();
  $('attachments-empty').hidden = true;
}

function showProgress(detail, file, fraction) {
  if (detail !== state.detail) return;
  const percent = Math.round(fraction * 100);
  $('upload-progress').hidden = false;
  $('upload-bar').value = percent;
  $('upload-label').textContent = `Uploading “${file.name}” (${sizeText(file.size)}): ${percent}%`;
}

function cancelUpload() {
  state.detail?.upload?.controller.abort();
  $('attach-file').focus();
}

/** Why a file was not attached, in words at the file picker; a task gone or a role lost are said at the top. */
function attachFailure(detail, file, error) {
  const name = `“${file.name}”`;
  if (detail !== state.detail) {
    if (!(error instanceof DOMException && error.name === 'AbortError')) {
      showAlert(`${name} was not attached to “${detail.task.task}”: ${describe(error)}`);
    }
    return;
  }
  if (error instanceof DOMException && error.name === 'AbortError') {
    announceAttachments(`The upload of ${name} was cancelled; it is not attached.`);
    return;
  }
  if (error instanceof ApiError && error.status === 400 && error.errors.length > 0) {
    const words = { filename: 'File name', content_type: 'File type', size: 'File size' };
    refuseFile(`${name} cannot be attached: ${error.errors
      .map(({ field, message }) => `${words[field] ?? field} ${message}.`).join(' ')}`);
    return;
  }
  if (error instanceof ApiError && (error.status === 409 || error.status === 413 || error.status === 415)) {
    refuseFile(`${name} was not attached: ${error.message}.`);
    return;
  }
  if (error.upload) {
    // The file store's answer, not the API's: the URL it was given is signed, so no role is involved.
    if (error instanceof NetworkError) {
      const cors = error.base === window.location.origin ? ''
        : `, or it does not allow uploads from ${window.location.origin} (CORS)`;
      refuseFile(`${name} could not be uploaded: the file store at ${error.base} did not answer${cors}. Try again.`);
    } else {
      refuseFile(`${name} could not be uploaded: ${error.message} (HTTP ${error.status}). Try again.`);
    }
    return;
  }
  if (error instanceof ApiError && error.status === 403) {
    detail.writer = false;
    renderAttachControls(detail);
    $('attachments-heading').focus();
  }
  detailFailure(error);
}

async function download(attachment) {
  const detail = state.detail;
  if (!detail) return;
  clearAlert($('task-dialog-alert'));
  announceAttachments(`Preparing “${attachment.filename}”…`);
  try {
    const { attachment: current, download: grant } = await state.api.attachment(detail.task.id, attachment.id);
    if (detail !== state.detail) return;
    if (!grant) {
      placeAttachment(detail, current);
      announceAttachments(`“${current.filename}” is not uploaded yet, so it cannot be downloaded.`);
      return;
    }
    announceAttachments(`Downloading “${current.filename}”.`);
    // Served as an attachment: the browser saves the file, and the board stays.
    window.location.assign(grant.url);
  } catch (error) {
    if (detail !== state.detail) return;
    announceAttachments('');
    if (error instanceof ApiError && error.status === 404 && error.message === 'Attachment not found') {
      dropAttachmentItem(attachment.id, true);
      showAlert(`“${attachment.filename}” is no longer attached: someone deleted it.`, $('task-dialog-alert'));
      return;
    }
    detailFailure(error);
  }
}

function askDeleteAttachment(attachment, opener) {
  confirmThen({
    title: `Delete “${attachment.filename}”?`,
    text: 'The file goes for everyone who sees this task. This cannot be undone.',
    confirm: 'Delete file',
    opener,
  }, () => deleteAttachment(attachment));
}

async function deleteAttachment(attachment) {
  const detail = state.detail;
  if (!detail) return;
  clearAlert($('task-dialog-alert'));
  try {
    await state.api.removeAttachment(detail.task.id, attachment.id);
    if (detail !== state.detail) return;
    dropAttachmentItem(attachment.id, true);
    announceAttachments(`“${attachment.filename}” is deleted.`);
  } catch (error) {
    if (detail !== state.detail) return;
    if (error instanceof ApiError && error.status === 404 && error.message === 'Attachment not found') {
      dropAttachmentItem(attachment.id, true);
      announceAttachments(`“${attachment.filename}” is deleted.`);
      return;
    }
    if (error instanceof ApiError && error.status === 403) {
      detail.writer = false;
      renderAttachControls(detail);
      $('attachments-heading').focus();
    }
    detailFailure(error);
  }
}

/** Removes an attachment's item; `moveFocus` moves focus to a neighbour, so keyboard users keep their place. */
function dropAttachmentItem(id, moveFocus) {
  const item = [...$('attachment-list').children].find((li) => li.dataset.id === id);
  if (!item) return;
  const neighbour = item.nextElementSibling ?? item.previousElementSibling;
  const hadFocus = item.contains(document.activeElement);
  item.remove();
  $('attachments-empty').hidden = $('attachment-list').children.length > 0;
  if (moveFocus || hadFocus) (neighbour ?? $('attachments-heading')).focus();
}

// ---- history

function renderEntry(entry, detail) {
  const item = document.createElement('li');
  item.className = 'entry';
  item.dataset.id = entry.id;
  item.tabIndex = -1;
  const text = metaText('entry-text', sentence(entry, detail.members));
  item.append(text, ', ', timeAgo(entry.at));
  return item;
}

/** An entry of the history in plain words: "Bob changed priority from medium to high". */
function sentence(entry, members) {
  const who = subject(entry.actor, members);
  switch (entry.action) {
    case 'created':
      return `${who} created the task`;
    case 'commented':
      return `${who} commented`;
    case 'comment_deleted':
      return `${who} deleted a comment`;
    default: {
      // updated, moved or assigned: the move first, then each change in the API's order.
      const changes = entry.changes ?? {};
      const fields = Object.keys(changes).sort((a, b) => (b === 'list_id') - (a === 'list_id'));
      const clauses = fields.map((name) => changeClause(name, changes[name], entry.actor, members));
      return clauses.length > 0 ? `${who} ${listFormat.format(clauses)}` : `${who} changed the task`;
    }
  }
}

const valueLabel = (labels, value) => (labels.get(value) ?? value).toLowerCase();

function changeClause(name, { from, to }, actor, members) {
  switch (name) {
    case 'list_id':
      return to ? `moved it to ${knownListName(to)}` : `moved it out of ${knownListName(from)}`;
    case 'assignee':
      if (to) {
        if (to === actor) return isMe(actor) ? 'assigned it to yourself' : 'assigned it to themself';
        return `assigned it to ${personName(to, members)}`;
      }
      if (from === actor) return isMe(actor) ? 'unassigned yourself' : 'unassigned themself';
      return from ? `unassigned ${personName(from, members)}` : 'unassigned it';
    case 'status':
      return fromTo('status', from && valueLabel(statusLabel, from), to && valueLabel(statusLabel, to));
    case 'priority':
      return fromTo('priority', from && valueLabel(priorityLabel, from), to && valueLabel(priorityLabel, to));
    case 'task':
      return fromTo('the text', from && `“${from}”`, to && `“${to}”`);
    case 'description':
      if (!from) return 'added a description';
      return to ? 'changed the description' : 'removed the description';
    case 'due_date':
      return fromTo('the due date', from && day(from), to && day(to));
    case 'tags':
      return tagsClause(from ?? [], to ?? []);
    default:
      return `changed ${name.replace(/_/g, ' ')}`;
  }
}

function fromTo(what, from, to) {
  if (!from) return `set ${what} to ${to}`;
  if (!to) return `removed ${what}`;
  return `changed ${what} from ${from} to ${to}`;
}

function tagsClause(from, to) {
  const quoted = (tags) => listFormat.format(tags.map((tag) => `“${tag}”`));
  const added = to.filter((tag) => !from.includes(tag));
  const removed = from.filter((tag) => !to.includes(tag));
  const parts = [];
  if (added.length > 0) parts.push(`added the ${added.length === 1 ? 'tag' : 'tags'} ${quoted(added)}`);
  if (removed.length > 0) parts.push(`removed the ${removed.length === 1 ? 'tag' : 'tags'} ${quoted(removed)}`);
  return parts.length > 0 ? parts.join(' and ') : 'reordered the tags';
}

function day(value) {
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? value : dayFormat.format(date);
}

/** A list's name where the caller knows it (a list of theirs), else words for it. */
function knownListName(listId) {
  if (state.current && state.current.id === listId) return state.current.name;
  return state.lists.get(listId)?.name ?? 'another list';
}

async function loadMoreActivity() {
  const detail = state.detail;
  const button = $('activity-more');
  button.disabled = true;
  try {
    const page = await state.api.activity(detail.task.id, { limit: state.limit, next: detail.activityNext });
    if (detail !== state.detail) return;
    clearAlert($('task-dialog-alert'));
    const list = $('activity-list');
    const shown = new Set([...list.children].map((item) => item.dataset.id));
    const items = page.items.filter((entry) => !shown.has(entry.id)).map((entry) => renderEntry(entry, detail));
    list.append(...items);
    detail.activityNext = page.next;
    updateDetailStatus();
    if (items.length > 0) items[0].focus();
    else if (!detail.activityNext) $('history-heading').focus();
  } catch (error) {
    if (detail === state.detail) detailFailure(error);
  } finally {
    button.disabled = false;
  }
}

// ---- start --------------------------------------------------------------------------------------------------------

function fillSelect(element, options, selected) {
  for (const [value, text] of options) element.append(new Option(text, value, false, value === selected));
}

/** Asks the API (again) who the user is, which lists they have, and for the tasks of the view shown. */
function refreshAll() {
  state.me = null;
  state.lists = new Map();
  state.memberCache = new Map();
  state.current = null;
  state.members = [];
  state.invitationFor = null;
  state.filesSupported = null;
  $('me-label').textContent = '…';
  $('new-task-assignee').value = '';
  announceLists('');
  renderListPanel();
  renderViewOptions();
  state.mePromise = loadMe();
  state.listsPromise = loadLists();
  return loadFirstPage();
}

function start() {
  fillSelect($('new-task-status'), STATUSES, 'new');
  fillSelect($('new-task-priority'), PRIORITIES, 'medium');
  fillSelect($('filter-status'), STATUSES, null);
  fillSelect($('filter-priority'), PRIORITIES, null);
  fillSelect($('invite-role'), [...ROLES].reverse(), 'viewer');
  $('new-task-form').addEventListener('submit', createTask);
  $('filter-status').addEventListener('change', () => loadFirstPage());
  $('filter-priority').addEventListener('change', () => loadFirstPage());
  $('filters').addEventListener('submit', (event) => event.preventDefault());
  $('load-more').addEventListener('click', loadMore);
  $('view-select').addEventListener('change', (event) => setView(event.target.value));
  $('new-list-button').addEventListener('click', () => openListDialog('create'));
  $('join-list-button').addEventListener('click', openJoinDialog);
  $('rename-list').addEventListener('click', () => openListDialog('rename'));
  $('delete-list').addEventListener('click', askDeleteList);
  $('leave-list').addEventListener('click', askLeave);
  $('invite-form').addEventListener('submit', invite);
  $('copy-code').addEventListener('click', copyCode);
  $('list-form').addEventListener('submit', saveList);
  $('list-cancel').addEventListener('click', closeListDialog);
  $('list-dialog').addEventListener('close', () => {
    const opener = state.listDialogMode === 'rename' ? $('rename-list') : $('new-list-button');
    if (!document.activeElement || document.activeElement === document.body) opener.focus();
  });
  $('join-form').addEventListener('submit', join);
  $('join-cancel').addEventListener('click', () => $('join-dialog').close());
  $('join-dialog').addEventListener('close', () => {
    if (!document.activeElement || document.activeElement === document.body) $('join-list-button').focus();
  });
  $('confirm-dialog').addEventListener('close', onConfirmDialogClose);
  $('settings-button').addEventListener('click', openSettings);
  $('settings-form').addEventListener('submit', saveSettings);
  $('settings-cancel').addEventListener('click', closeSettings);
  $('settings-dialog').addEventListener('cancel', () => {
    $('token-input').value = '';
  });
  $('delete-dialog').addEventListener('close', onDeleteDialogClose);
  $('task-dialog').addEventListener('close', onDetailClose);
  $('task-dialog-close').addEventListener('click', () => $('task-dialog').close());
  $('comment-form').addEventListener('submit', postComment);
  $('comment-text').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      $('comment-form').requestSubmit();
    }
  });
  $('comments-more').addEventListener('click', loadMoreComments);
  $('activity-more').addEventListener('click', loadMoreActivity);
  $('attach-form').addEventListener('submit', (event) => event.preventDefault());
  $('attach-file').addEventListener('change', onFileChosen);
  $('upload-cancel').addEventListener('click', cancelUpload);
  const panel = $('task-dialog');
  panel.addEventListener('dragenter', onDragOver);
  panel.addEventListener('dragover', onDragOver);
  panel.addEventListener('dragleave', onDragLeave);
  panel.addEventListener('drop', onDrop);
  startLayouts();
  showApiBase();
  if (session) {
    $('sign-in-button').addEventListener('click', signIn);
    $('signed-out-sign-in').addEventListener('click', signIn);
    $('sign-out-button').addEventListener('click', signOut);
    const signedIn = showSession();
    if (signInFailure) showAlert(signInFailure.message);
    if (!signedIn) {
      document.body.dataset.ready = 'true';
      return;
    }
  }
  document.body.dataset.ready = 'true';
  const task = initialTask();
  refreshAll().then(() => {
    if (task) openDetailById(task);
  });
}

start();
