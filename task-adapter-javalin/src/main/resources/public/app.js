// The task board: lists, filters, creates, edits and deletes tasks, shows a task's comments, attachments and history,
// and shares lists of tasks with other users, through the public API only (a file's bytes go straight to and from the
// URLs the API signs). Task text, comments, file names, list names, user ids and names are user data: they are only ever set with textContent or as a form value, never parsed as HTML. The access token
// is kept in this tab's session storage and sent only in the Authorization header; it is never written to the page,
// the URL or the console.
import {
  ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, ATTACHMENT_TYPES_TEXT, ApiError, NetworkError, PRIORITIES, ROLES, STATUSES,
  createApi, uploadFile,
} from './api.js';

const STORAGE_KEY = 'taskBoard.apiBase';
const TOKEN_KEY = 'taskBoard.accessToken';
const DEFAULT_LIMIT = 25;
const FIELDS = ['task', 'status', 'priority', 'assignee'];
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

const params = new URLSearchParams(window.location.search);
const state = {
  /** The access token the user gave in Settings, or ''. */
  token: initialToken(),
  api: null,
  limit: pageSize(params.get('limit')),
  next: null,
  generation: 0,
  shown: 0,
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
state.api = createApi(initialBase(), state.token);

// ---- settings: where the API is, and who the user is ------------------------------------------------------------

function initialBase() {
  const fromQuery = params.get('api');
  if (fromQuery !== null && (fromQuery === '' || isHttpUrl(fromQuery))) return fromQuery;
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored && isHttpUrl(stored)) return stored;
  } catch {
    // Storage can be disabled; the board then simply uses this server.
  }
  return '';
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
  state.token = token;
  state.api = createApi(value, token);
  showApiBase();
  closeSettings();
  refreshAll();
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

/** Shows `text` with a Dismiss button in `alert`: the page's alert, or the one in a task's details. */
function showAlert(text, alert = $('alert')) {
  alert.replaceChildren();
  const message = document.createElement('p');
  message.textContent = text;
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.className = 'secondary small';
  dismiss.textContent = 'Dismiss';
  dismiss.addEventListener('click', () => clearAlert(alert));
  alert.append(message, dismiss);
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
      advice = state.api.hasToken
        ? ' Open Settings and enter a new access token: the API does not accept this one.'
        : ' This API needs to know who you are: open Settings and enter your access token.';
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
 * Shows validation errors next to their fields in `form` and focuses the first; anything else goes to the alert.
 */
function showFailure(error, form) {
  if (error instanceof ApiError && error.status === 400 && error.errors.length > 0 && form) {
    let first = null;
    const elsewhere = [];
    for (const { field, message } of error.errors) {
      const input = form.elements.namedItem(field);
      if (input && FIELDS.includes(field)) {
        const output = document.getElementById(input.getAttribute('aria-describedby'));
        setFieldError(input, output, `${labelOf(field)} ${message}.`);
        first ??= input;
      } else {
        elsewhere.push(`${field}: ${message}`);
      }
    }
    if (elsewhere.length > 0) showAlert(`${error.message}: ${elsewhere.join('; ')}.`);
    first?.focus();
    return;
  }
  showAlert(describe(error));
  afterRefusal(error);
}

function labelOf(field) {
  return { task: 'Task', status: 'Status', priority: 'Priority', assignee: 'Assignee' }[field] ?? field;
}

function clearFieldErrors(form) {
  for (const field of FIELDS) {
    const input = form.elements.namedItem(field);
    if (input) setFieldError(input, document.getElementById(input.getAttribute('aria-describedby')), '');
  }
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
  const list = $('task-list');
  list.setAttribute('aria-busy', 'true');
  announce('Loading tasks…');
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
    list.replaceChildren(...page.items.map(renderTask));
    state.shown = page.items.length;
    state.next = page.next;
    updateListStatus(message);
  } catch (error) {
    if (generation !== state.generation) return;
    list.replaceChildren();
    state.shown = 0;
    state.next = null;
    if (isList(view) && isListNotFound(error)) {
      listGone();
      return;
    }
    announce('Tasks could not be loaded.');
    showAlert(describe(error));
  } finally {
    if (generation === state.generation) list.removeAttribute('aria-busy');
  }
}

async function loadMore() {
  const generation = state.generation;
  const button = $('load-more');
  button.disabled = true;
  try {
    const page = await state.api.list({ ...taskQuery(state.view), next: state.next });
    if (generation !== state.generation) return;
    clearAlert();
    const items = page.items.map(renderTask);
    $('task-list').append(...items);
    state.shown += items.length;
    state.next = page.next;
    updateListStatus();
    // The button may now be gone; continue where the new tasks start.
    if (items.length > 0) items[0].focus();
  } catch (error) {
    showAlert(describe(error));
    afterRefusal(error);
  } finally {
    button.disabled = false;
  }
}

function updateListStatus(prefix = '') {
  const { status, priority } = filters();
  $('load-more').hidden = !state.next;
  let text;
  if (state.shown === 0) {
    if (state.view === ASSIGNED) text = 'No tasks are assigned to you.';
    else if (status || priority) text = 'No tasks match these filters.';
    else if (state.view === MINE) text = 'No tasks yet: add one above.';
    else if (canWrite(state.current?.role)) text = 'No tasks in this list yet: add one above.';
    else text = 'No tasks in this list yet.';
  } else {
    const noun = state.shown === 1 ? 'task' : 'tasks';
    text = `Showing ${state.shown} ${noun}${state.next ? '; more are available' : ''}.`;
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
  // A link, so the task's details have an address of their own (opened in another tab, they show there).
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
  text.append(open);

  const meta = document.createElement('p');
  meta.className = 'task-meta';
  const status = document.createElement('span');
  status.className = `badge status-${task.status}`;
  status.textContent = statusLabel.get(task.status) ?? task.status;
  const priority = document.createElement('span');
  priority.className = `badge priority-${task.priority}`;
  priority.textContent = `${priorityLabel.get(task.priority) ?? task.priority} priority`;
  const created = document.createElement('time');
  const date = new Date(task.created_at * 1000);
  created.dateTime = date.toISOString();
  created.textContent = `Created ${dateFormat.format(date)}`;
  meta.append(status, ' ', priority, ' ', created);
  if (state.view === ASSIGNED) {
    meta.append(' ', metaText('task-list-name', task.list_id ? `In ${listName(task.list_id)}` : 'In My tasks'));
  } else if (task.assignee) {
    meta.append(' ', metaText('task-assignee', `Assigned to ${personName(task.assignee, state.members)}`));
  }

  const actions = document.createElement('div');
  actions.className = 'task-actions';
  if (canEditTask(task)) {
    const edit = button('Edit', 'secondary edit', `Edit task: ${task.task}`, () => startEdit(task));
    const remove = button('Delete', 'danger-outline delete', `Delete task: ${task.task}`, () => askDelete(task));
    actions.append(edit, remove);
  } else if (state.view === ASSIGNED) {
    actions.append(metaText('read-only', 'Read only: you are a viewer in its list'));
  }

  view.append(text, meta, actions);
  return view;
}

function metaText(className, text) {
  const element = document.createElement('span');
  element.className = className;
  element.textContent = text;
  return element;
}

/** Renders the tasks again, as the caller's role or the members changed; tasks being edited stay as they are. */
function rerenderTasks() {
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

// ---- create -------------------------------------------------------------------------------------------------------

async function createTask(event) {
  event.preventDefault();
  const form = $('new-task-form');
  if (form.classList.contains('blocked')) return;
  clearFieldErrors(form);
  clearAlert();
  const submit = $('add-task');
  submit.disabled = true;
  const fields = {
    task: form.elements.task.value,
    status: form.elements.status.value,
    priority: form.elements.priority.value,
  };
  if (isList(state.view)) fields.list_id = state.view;
  if (form.elements.assignee.value) fields.assignee = form.elements.assignee.value;
  try {
    const task = await state.api.create(fields);
    form.elements.task.value = '';
    form.elements.task.focus();
    if (belongsHere(task)) {
      $('task-list').prepend(renderTask(task));
      state.shown += 1;
      updateListStatus();
      announce(`Task added. ${$('list-status').textContent}`);
    } else {
      announce('Task added; the current filters hide it.');
    }
  } catch (error) {
    showFailure(error, form);
  } finally {
    submit.disabled = form.classList.contains('blocked');
  }
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
  form.append(
    field(prefix, 'task', 'Task', textInput(task.task)),
    field(prefix, 'status', 'Status', select(STATUSES, task.status)),
    field(prefix, 'priority', 'Priority', select(PRIORITIES, task.priority)),
    field(prefix, 'assignee', 'Assignee', assignee),
  );
  const actions = document.createElement('div');
  actions.className = 'actions';
  const save = document.createElement('button');
  save.type = 'submit';
  save.className = 'save';
  save.textContent = 'Save';
  const cancel = button('Cancel', 'secondary cancel', `Cancel editing task: ${task.task}`, () => endEdit(task));
  actions.append(save, cancel);
  form.append(actions);
  form.addEventListener('submit', (event) => saveEdit(event, task, form));
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      endEdit(task);
    }
  });
  item.replaceChildren(form);
  form.elements.task.focus();
}

function field(prefix, name, label, input) {
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
  wrapper.append(labelElement, input, error);
  return wrapper;
}

function textInput(value) {
  const input = document.createElement('input');
  input.type = 'text';
  input.autocomplete = 'off';
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

function endEdit(task) {
  const item = itemOf(task.id);
  if (!item) return;
  item.task = task;
  item.replaceChildren(renderView(task));
  (item.querySelector('.edit') ?? item).focus();
}

async function saveEdit(event, task, form) {
  event.preventDefault();
  clearFieldErrors(form);
  clearAlert();
  const changes = {};
  for (const name of FIELDS) {
    const input = form.elements.namedItem(name);
    if (!input) continue;
    const value = input.value;
    if (value !== (task[name] ?? '')) changes[name] = name === 'assignee' && value === '' ? null : value;
  }
  if (Object.keys(changes).length === 0) {
    endEdit(task);
    return;
  }
  const save = form.querySelector('.save');
  save.disabled = true;
  try {
    const updated = await state.api.update(task.id, changes);
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
    if (error instanceof ApiError && error.status === 404 && !isListNotFound(error)) {
      removeItem(task.id);
    }
    showFailure(error, form);
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

/** Removes a task's item and moves focus to a neighbour, so keyboard users keep their place. */
function removeItem(id) {
  const item = itemOf(id);
  if (!item) return;
  const neighbour = item.nextElementSibling ?? item.previousElementSibling;
  item.remove();
  state.shown = Math.max(0, state.shown - 1);
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
  meta.replaceChildren(status, ' ', priority, ' ',
    metaText('task-list-name', task.list_id ? `In ${listName(task.list_id)}` : 'In My tasks'));
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
  const item = itemOf(detail.task.id);
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
  showApiBase();
  document.body.dataset.ready = 'true';
  const task = initialTask();
  refreshAll().then(() => {
    if (task) openDetailById(task);
  });
}

start();
