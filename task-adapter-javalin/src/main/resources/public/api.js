// The task API as the board uses it: only the public HTTP contract, so the board works against any deployment.

/** An answer from the API that is not a success; `errors` lists validation problems by field. */
export class ApiError extends Error {
  constructor(status, message, errors, retryAfter) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.errors = errors;
    this.retryAfter = retryAfter;
  }
}

/** No answer at all: the server is down, the URL is wrong, or CORS blocked the call. */
export class NetworkError extends Error {
  constructor(base) {
    super('network error');
    this.name = 'NetworkError';
    this.base = base;
  }
}

export const STATUSES = [
  ['new', 'New'], ['in_progress', 'In progress'], ['completed', 'Completed'], ['cancelled', 'Cancelled'],
];
export const PRIORITIES = [['low', 'Low'], ['medium', 'Medium'], ['high', 'High'], ['urgent', 'Urgent']];
export const ROLES = [['owner', 'Owner'], ['editor', 'Editor'], ['viewer', 'Viewer']];

/** How many items the board asks for per page of lists or members, the API's maximum. */
const FULL_PAGE = 100;
/** At most this many pages of lists or members are read, so a huge list cannot keep the board busy forever. */
const MAX_PAGES = 20;

/**
 * Client for the API at `base` ('' means the server that served this page). With a `token`, every request carries it
 * as `Authorization: Bearer`; the token is never written anywhere else.
 */
export function createApi(base, token = '') {
  const root = base.replace(/\/+$/, '');
  const segment = encodeURIComponent;

  async function call(method, path, body, contentType = 'application/json') {
    const init = { method, cache: 'no-store', headers: {} };
    if (token) init.headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) {
      init.headers['Content-Type'] = contentType;
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(root + path, init);
    } catch {
      throw new NetworkError(root);
    }
    const text = await response.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (!response.ok) {
      const message = data && typeof data.message === 'string' ? data.message : `HTTP ${response.status}`;
      const errors = data && Array.isArray(data.errors) ? data.errors : [];
      throw new ApiError(response.status, message, errors, response.headers.get('Retry-After'));
    }
    return data;
  }

  function withQuery(path, entries) {
    const query = new URLSearchParams();
    for (const [name, value] of entries) {
      if (value) query.set(name, String(value));
    }
    const text = query.toString();
    return path + (text ? '?' + text : '');
  }

  /** Every item of a paginated listing, following `next` (for lists and members, which are short). */
  async function all(path) {
    const items = [];
    let next = null;
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const page = await call('GET', withQuery(path, [['limit', FULL_PAGE], ['next', next]]));
      items.push(...page.items);
      next = page.next;
      if (!next) break;
    }
    return items;
  }

  return {
    root,
    hasToken: token !== '',

    // ---- tasks
    /** A page of tasks: the caller's own, a list's (`listId`), or those assigned to the caller (`assignedToMe`). */
    list({ status, priority, limit, next, listId, assignedToMe }) {
      return call('GET', withQuery('/tasks', [
        ['limit', limit],
        ['assignee', assignedToMe ? 'me' : ''],
        ['list_id', listId],
        ['status', status],
        ['priority', priority],
        ['next', next],
      ]));
    },
    get(id) {
      return call('GET', '/tasks/' + segment(id));
    },
    create(fields) {
      return call('POST', '/tasks', fields).then((data) => data.task);
    },
    update(id, changes) {
      return call('PUT', '/tasks/' + segment(id), changes).then((data) => data.task);
    },
    remove(id) {
      return call('DELETE', '/tasks/' + segment(id));
    },

    // ---- a task's comments and history
    /** A page of a task's comments, oldest first. */
    comments(id, { limit, next }) {
      return call('GET', withQuery('/tasks/' + segment(id) + '/comments', [['limit', limit], ['next', next]]));
    },
    addComment(id, text) {
      return call('POST', '/tasks/' + segment(id) + '/comments', { text });
    },
    removeComment(id, commentId) {
      return call('DELETE', '/tasks/' + segment(id) + '/comments/' + segment(commentId));
    },
    /** A page of a task's history, newest first. */
    activity(id, { limit, next }) {
      return call('GET', withQuery('/tasks/' + segment(id) + '/activity', [['limit', limit], ['next', next]]));
    },

    // ---- the caller and their lists
    me() {
      return call('GET', '/me');
    },
    lists() {
      return all('/lists');
    },
    getList(id) {
      return call('GET', '/lists/' + segment(id));
    },
    createList(name) {
      return call('POST', '/lists', { name });
    },
    renameList(id, name) {
      return call('PATCH', '/lists/' + segment(id), { name }, 'application/merge-patch+json');
    },
    deleteList(id) {
      return call('DELETE', '/lists/' + segment(id));
    },
    members(id) {
      return all('/lists/' + segment(id) + '/members');
    },
    setRole(id, userId, role) {
      return call('PUT', '/lists/' + segment(id) + '/members/' + segment(userId), { role });
    },
    removeMember(id, userId) {
      return call('DELETE', '/lists/' + segment(id) + '/members/' + segment(userId));
    },
    invite(id, role) {
      return call('POST', '/lists/' + segment(id) + '/invitations', { role });
    },
    join(code) {
      return call('POST', '/invitations/' + segment(code));
    },
  };
}
