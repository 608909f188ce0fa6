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

/** Client for the API at `base` ('' means the server that served this page). */
export function createApi(base) {
  const root = base.replace(/\/+$/, '');

  async function call(method, path, body) {
    const init = { method, cache: 'no-store', headers: {} };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
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

  return {
    root,
    list({ status, priority, limit, next }) {
      const query = new URLSearchParams();
      if (limit) query.set('limit', String(limit));
      if (status) query.set('status', status);
      if (priority) query.set('priority', priority);
      if (next) query.set('next', next);
      const text = query.toString();
      return call('GET', '/tasks' + (text ? '?' + text : ''));
    },
    create(fields) {
      return call('POST', '/tasks', fields).then((data) => data.task);
    },
    update(id, changes) {
      return call('PUT', '/tasks/' + encodeURIComponent(id), changes).then((data) => data.task);
    },
    remove(id) {
      return call('DELETE', '/tasks/' + encodeURIComponent(id));
    },
  };
}
