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

/**
 * The types of file the API accepts as attachments unless its deployment says otherwise (the API checks again), with
 * the words the board uses for them.
 */
export const ATTACHMENT_TYPES = [
  'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/heic',
  'application/pdf', 'text/plain', 'text/csv', 'application/zip',
  'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint', 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text', 'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
];
export const ATTACHMENT_TYPES_TEXT = 'an image (PNG, JPEG, GIF, WebP or HEIC), a PDF, a text or CSV file, a zip'
  + ' archive, or a Word, Excel, PowerPoint or OpenDocument file';
/** The largest attachment the API accepts, in bytes: 25 MiB. */
export const ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;

/** Headers a page may not set itself: the browser sends them, from the body it is given. */
const BROWSER_HEADERS = new Set(['content-length', 'host', 'connection', 'expect', 'transfer-encoding']);

/**
 * Sends `file` as the API's `upload` says (its url, method and exactly its headers: never the access token, since the
 * URL is signed and may belong to another server), reporting progress as a fraction from 0 to 1 to `onProgress`.
 * Resolves when the file store has it; rejects with an ApiError for a refusal or a NetworkError when the store cannot
 * be reached, both marked `upload` (they are the file store's, not the API's), or with an AbortError once `signal`
 * aborts.
 */
export function uploadFile(upload, file, { onProgress, signal } = {}) {
  return new Promise((resolve, rejectWith) => {
    const request = new XMLHttpRequest();
    const origin = new URL(upload.url, window.location.href).origin;
    const reject = (error) => {
      if (error instanceof ApiError || error instanceof NetworkError) error.upload = true;
      rejectWith(error);
    };
    request.open(upload.method || 'PUT', upload.url);
    for (const [name, value] of Object.entries(upload.headers ?? {})) {
      if (!BROWSER_HEADERS.has(name.toLowerCase())) request.setRequestHeader(name, value);
    }
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    });
    request.upload.addEventListener('load', () => onProgress?.(1));
    request.addEventListener('load', () => {
      if (request.status >= 200 && request.status < 300) {
        resolve();
        return;
      }
      let message = `HTTP ${request.status}`;
      try {
        const data = JSON.parse(request.responseText);
        if (data && typeof data.message === 'string') message = data.message;
      } catch {
        // S3 answers XML: the status says enough.
      }
      reject(new ApiError(request.status, message, [], request.getResponseHeader('Retry-After')));
    });
    request.addEventListener('error', () => reject(new NetworkError(origin)));
    request.addEventListener('timeout', () => reject(new NetworkError(origin)));
    request.addEventListener('abort', () => reject(new DOMException('The upload was cancelled', 'AbortError')));
    if (signal) {
      if (signal.aborted) {
        reject(new DOMException('The upload was cancelled', 'AbortError'));
        return;
      }
      signal.addEventListener('abort', () => request.abort(), { once: true });
    }
    request.send(file);
  });
}

/** The body of an answer, parsed (null when it has none); an ApiError, with the API's words, when it is a refusal. */
async function answerOf(response) {
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

/** How many items the board asks for per page of lists or members, the API's maximum. */
const FULL_PAGE = 100;
/** At most this many pages of lists or members are read, so a huge list cannot keep the board busy forever. */
const MAX_PAGES = 20;

/**
 * Client for the API at `base` ('' means the server that served this page). With a `token` (a string, or a function
 * answering one or a promise of one, called before every request so a signed-in user's token is always the current
 * one), every request carries it as `Authorization: Bearer`; the token is never written anywhere else.
 */
export function createApi(base, token = '') {
  const root = base.replace(/\/+$/, '');
  const segment = encodeURIComponent;

  /** A request whose answer's body is all the caller needs. */
  async function call(method, path, body, contentType = 'application/json') {
    return (await exchange(method, path, { body, contentType })).data;
  }

  /**
   * A request with `body` (sent as JSON with `contentType`) and extra `headers` (If-Match); answers `{ data, etag }`:
   * the body with the answer's ETag (which the API exposes to pages of other origins too).
   */
  async function exchange(method, path, { body, headers = {}, contentType = 'application/json' } = {}) {
    const init = { method, cache: 'no-store', headers: { ...headers } };
    const bearer = typeof token === 'function' ? await token() : token;
    if (bearer) init.headers.Authorization = `Bearer ${bearer}`;
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
    return { data: await answerOf(response), etag: response.headers.get('ETag') };
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
    /** A task with its version: `{ task, etag }`, the ETag to send back as If-Match when changing it. */
    async getVersioned(id) {
      const { data, etag } = await exchange('GET', '/tasks/' + segment(id));
      return { task: data, etag };
    },
    create(fields) {
      return call('POST', '/tasks', fields).then((data) => data.task);
    },
    /**
     * Changes the fields given (`null` removes description, due_date, tags or assignee); with `ifMatch`, only while
     * the task is still at that version, else an ApiError with status 412 and nothing changed.
     */
    update(id, changes, { ifMatch } = {}) {
      const path = '/tasks/' + segment(id);
      if (!ifMatch) return call('PUT', path, changes).then((data) => data.task);
      return exchange('PUT', path, { body: changes, headers: { 'If-Match': ifMatch } }).then(({ data }) => data.task);
    },
    /** A JSON merge patch (RFC 7396) of some fields, such as the status alone: answers the task as changed. */
    patch(id, changes) {
      return call('PATCH', '/tasks/' + segment(id), changes, 'application/merge-patch+json');
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

    // ---- a task's attachments (the files themselves go straight to and from the file store: uploadFile)
    /** Every attachment of a task, oldest first (a task has at most 20). */
    attachments(id) {
      return all('/tasks/' + segment(id) + '/attachments');
    },
    /** The address of an attachment in the API (its details, with a fresh download URL). */
    attachmentUrl(id, attachmentId) {
      return root + '/tasks/' + segment(id) + '/attachments/' + segment(attachmentId);
    },
    /** Declares a file: answers the attachment, pending, and the `upload` (url, method, headers) for its bytes. */
    addAttachment(id, { filename, contentType, size }) {
      return call('POST', '/tasks/' + segment(id) + '/attachments', { filename, content_type: contentType, size });
    },
    /** Once the bytes are uploaded: answers the attachment, available. */
    completeAttachment(id, attachmentId) {
      return call('POST', '/tasks/' + segment(id) + '/attachments/' + segment(attachmentId) + '/complete');
    },
    /** An attachment with a fresh `download` URL ({url, expires_at}), or null while it is pending. */
    attachment(id, attachmentId) {
      return call('GET', '/tasks/' + segment(id) + '/attachments/' + segment(attachmentId));
    },
    removeAttachment(id, attachmentId) {
      return call('DELETE', '/tasks/' + segment(id) + '/attachments/' + segment(attachmentId));
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
