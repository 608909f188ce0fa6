// The task board: lists, filters, creates, edits and deletes tasks through the public API only.
// Task text is user data: it is only ever set with textContent or as a form value, never parsed as HTML.
import { ApiError, NetworkError, PRIORITIES, STATUSES, createApi } from './api.js';

const STORAGE_KEY = 'taskBoard.apiBase';
const DEFAULT_LIMIT = 25;
const FIELDS = ['task', 'status', 'priority'];

const $ = (id) => document.getElementById(id);
const statusLabel = new Map(STATUSES);
const priorityLabel = new Map(PRIORITIES);
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const params = new URLSearchParams(window.location.search);
const state = {
  api: createApi(initialBase()),
  limit: pageSize(params.get('limit')),
  next: null,
  generation: 0,
  shown: 0,
  pendingDelete: null,
};

// ---- settings: where the API is ---------------------------------------------------------------------------------

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

function isHttpUrl(text) {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash;
  } catch {
    return false;
  }
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
  $('settings-dialog').showModal();
  input.focus();
}

function saveSettings(event) {
  event.preventDefault();
  const input = $('api-base-input');
  const value = input.value.trim().replace(/\/+$/, '');
  if (value !== '' && !isHttpUrl(value)) {
    setFieldError(input, $('api-base-error'), 'Enter a URL starting with http:// or https://, or leave it empty.');
    input.focus();
    return;
  }
  try {
    if (value === '') window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, value);
  } catch {
    // Without storage the choice lasts until the page is reloaded.
  }
  if (params.has('api')) {
    params.delete('api');
    const query = params.toString();
    window.history.replaceState(null, '', window.location.pathname + (query ? '?' + query : ''));
  }
  state.api = createApi(value);
  showApiBase();
  $('settings-dialog').close();
  $('settings-button').focus();
  loadFirstPage();
}

// ---- messages -----------------------------------------------------------------------------------------------------

function showAlert(text) {
  const alert = $('alert');
  alert.replaceChildren();
  const message = document.createElement('p');
  message.textContent = text;
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.className = 'secondary small';
  dismiss.textContent = 'Dismiss';
  dismiss.addEventListener('click', clearAlert);
  alert.append(message, dismiss);
}

function clearAlert() {
  $('alert').replaceChildren();
}

function announce(text) {
  $('list-status').textContent = text;
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
    return `${error.message} (HTTP ${error.status}).${retry}`;
  }
  return `Something went wrong in the page: ${error.message}`;
}

function setFieldError(input, output, text) {
  output.textContent = text;
  if (text) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

/**
 * Shows validation errors next to their fields in `form` and focuses the first; anything else goes to the alert.
 * Returns whether the failure was shown at fields.
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
}

function labelOf(field) {
  return { task: 'Task', status: 'Status', priority: 'Priority' }[field] ?? field;
}

function clearFieldErrors(form) {
  for (const field of FIELDS) {
    const input = form.elements.namedItem(field);
    if (input) setFieldError(input, document.getElementById(input.getAttribute('aria-describedby')), '');
  }
}

// ---- the list -----------------------------------------------------------------------------------------------------

function filters() {
  return { status: $('filter-status').value, priority: $('filter-priority').value };
}

function matchesFilters(task) {
  const { status, priority } = filters();
  return (!status || task.status === status) && (!priority || task.priority === priority);
}

async function loadFirstPage() {
  const generation = ++state.generation;
  const list = $('task-list');
  list.setAttribute('aria-busy', 'true');
  announce('Loading tasks…');
  $('load-more').hidden = true;
  try {
    const page = await state.api.list({ ...filters(), limit: state.limit });
    if (generation !== state.generation) return;
    clearAlert();
    list.replaceChildren(...page.items.map(renderTask));
    state.shown = page.items.length;
    state.next = page.next;
    updateListStatus();
  } catch (error) {
    if (generation !== state.generation) return;
    list.replaceChildren();
    state.shown = 0;
    state.next = null;
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
    const page = await state.api.list({ ...filters(), limit: state.limit, next: state.next });
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
  } finally {
    button.disabled = false;
  }
}

function updateListStatus() {
  const { status, priority } = filters();
  $('load-more').hidden = !state.next;
  if (state.shown === 0) {
    announce(status || priority ? 'No tasks match these filters.' : 'No tasks yet: add one above.');
  } else {
    const noun = state.shown === 1 ? 'task' : 'tasks';
    announce(`Showing ${state.shown} ${noun}${state.next ? '; more are available' : ''}.`);
  }
}

function renderTask(task) {
  const item = document.createElement('li');
  item.className = 'task';
  item.dataset.id = task.id;
  item.tabIndex = -1;
  item.append(renderView(task));
  return item;
}

function renderView(task) {
  const view = document.createElement('div');
  view.className = 'task-view';

  const text = document.createElement('p');
  text.className = 'task-text';
  text.textContent = task.task;

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

  const actions = document.createElement('div');
  actions.className = 'task-actions';
  const edit = button('Edit', 'secondary edit', `Edit task: ${task.task}`, () => startEdit(task));
  const remove = button('Delete', 'danger-outline delete', `Delete task: ${task.task}`, () => askDelete(task));
  actions.append(edit, remove);

  view.append(text, meta, actions);
  return view;
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
  clearFieldErrors(form);
  clearAlert();
  const submit = $('add-task');
  submit.disabled = true;
  try {
    const task = await state.api.create({
      task: form.elements.task.value,
      status: form.elements.status.value,
      priority: form.elements.priority.value,
    });
    form.elements.task.value = '';
    form.elements.task.focus();
    if (matchesFilters(task)) {
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
    submit.disabled = false;
  }
}

// ---- edit in place ------------------------------------------------------------------------------------------------

function startEdit(task) {
  const item = itemOf(task.id);
  if (!item) return;
  const form = document.createElement('form');
  form.className = 'task-edit';
  form.noValidate = true;
  const prefix = `edit-${task.id}`;
  form.append(
    field(prefix, 'task', 'Task', textInput(task.task)),
    field(prefix, 'status', 'Status', select(STATUSES, task.status)),
    field(prefix, 'priority', 'Priority', select(PRIORITIES, task.priority)),
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
  item.replaceChildren(renderView(task));
  item.querySelector('.edit').focus();
}

async function saveEdit(event, task, form) {
  event.preventDefault();
  clearFieldErrors(form);
  clearAlert();
  const changes = {};
  for (const name of FIELDS) {
    const value = form.elements[name].value;
    if (value !== task[name]) changes[name] = value;
  }
  if (Object.keys(changes).length === 0) {
    endEdit(task);
    return;
  }
  const save = form.querySelector('.save');
  save.disabled = true;
  try {
    const updated = await state.api.update(task.id, changes);
    if (matchesFilters(updated)) {
      endEdit(updated);
      announce('Task updated.');
    } else {
      removeItem(updated.id);
      announce('Task updated; it no longer matches the filters, so it is hidden.');
    }
  } catch (error) {
    save.disabled = false;
    if (error instanceof ApiError && error.status === 404) {
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
    if (error instanceof ApiError && error.status === 404) removeItem(task.id);
    showAlert(describe(error));
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

// ---- start --------------------------------------------------------------------------------------------------------

function fillSelect(element, options, selected) {
  for (const [value, text] of options) element.append(new Option(text, value, false, value === selected));
}

function start() {
  fillSelect($('new-task-status'), STATUSES, 'new');
  fillSelect($('new-task-priority'), PRIORITIES, 'medium');
  fillSelect($('filter-status'), STATUSES, null);
  fillSelect($('filter-priority'), PRIORITIES, null);
  $('new-task-form').addEventListener('submit', createTask);
  $('filter-status').addEventListener('change', loadFirstPage);
  $('filter-priority').addEventListener('change', loadFirstPage);
  $('filters').addEventListener('submit', (event) => event.preventDefault());
  $('load-more').addEventListener('click', loadMore);
  $('settings-button').addEventListener('click', openSettings);
  $('settings-form').addEventListener('submit', saveSettings);
  $('settings-cancel').addEventListener('click', () => {
    $('settings-dialog').close();
    $('settings-button').focus();
  });
  $('delete-dialog').addEventListener('close', onDeleteDialogClose);
  showApiBase();
  document.body.dataset.ready = 'true';
  loadFirstPage();
}

start();
