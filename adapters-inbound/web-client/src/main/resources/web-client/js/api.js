// The REST API (the server's OpenAPI document at /swagger/chat-api-1.0.yml), one function per call.

/** A refusal of the API: `status` is the HTTP status, `code` the stable code of its problem details. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code || (status === 0 ? 'network' : 'http_' + status);
  }
}

/**
 * @param tokens {() => string | null} the current access token
 * @param onUnauthorized {(error: ApiError) => void} told of every 401 (the token expired or was refused)
 */
export function createApi(tokens, onUnauthorized = () => {}) {
  async function call(method, path, body) {
    const headers = { Accept: 'application/json' };
    const token = tokens();
    if (token) headers.Authorization = 'Bearer ' + token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (networkFailure) {
      throw new ApiError(0, { detail: 'the server cannot be reached' });
    }
    const text = response.status === 204 ? '' : await response.text();
    let data = null;
    if (text) {
      try { data = JSON.parse(text); } catch { data = null; }
    }
    if (!response.ok) {
      const error = new ApiError(response.status, data);
      if (response.status === 401) onUnauthorized(error);
      throw error;
    }
    return data;
  }
  const id = encodeURIComponent;
  return {
    signUp: (username, password, displayName) => call('POST', '/api/auth/signup', { username, password, displayName }),
    logIn: (username, password) => call('POST', '/api/auth/token', { username, password }),
    me: () => call('GET', '/api/me'),
    user: (userId) => call('GET', `/api/users/${id(userId)}`),
    userByName: (username) => call('GET', `/api/users?username=${id(username)}`),
    chats: (device) => call('GET', `/api/chats?device=${id(device)}`),
    chat: (chatId) => call('GET', `/api/chats/${id(chatId)}`),
    openDirect: (userId) => call('POST', '/api/chats/direct', { userId }),
    /** One page of messages strictly before `before`, oldest first; `previous` is the next `before`. */
    messagesBefore: (chatId, before, limit) =>
      call('GET', `/api/chats/${id(chatId)}/messages?before=${before}&limit=${limit}`),
    moveOffset: (chatId, device, position) => call('PUT', `/api/chats/${id(chatId)}/offsets/${id(device)}`, { position }),
    createGroup: (name, members) => call('POST', '/api/groups', { name, members }),
    renameGroup: (chatId, name) => call('PATCH', `/api/groups/${id(chatId)}`, { name }),
    addMember: (chatId, userId) => call('POST', `/api/groups/${id(chatId)}/members`, { userId }),
    removeMember: (chatId, userId) => call('DELETE', `/api/groups/${id(chatId)}/members/${id(userId)}`),
    leaveGroup: (chatId) => call('POST', `/api/groups/${id(chatId)}/leave`),
    webPushKey: () => call('GET', '/api/push/web-push-key'),
    registerWebPush: (device, subscription) => call('PUT', `/api/me/devices/${id(device)}/push`, { webPush: subscription }),
    unregisterPush: (device) => call('DELETE', `/api/me/devices/${id(device)}/push`),
  };
}
