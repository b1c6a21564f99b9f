// Every tab is a device of its own (the server keeps read positions per user and device), and a tab
// that is reloaded is the same device again. The browser keeps, per user, the device ids it has made;
// a tab takes the first one no other open tab holds, by a Web Lock it holds until it closes.

function newDeviceId() {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return 'web-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function holdLock(name) {
  return new Promise((resolve) => {
    navigator.locks.request(name, { ifAvailable: true }, (lock) => {
      if (!lock) {
        resolve(false);
        return undefined;
      }
      resolve(true);
      return new Promise(() => {}); // held for the life of the tab
    });
  });
}

/** This tab's device id, and whether it is new (a device that has never connected). */
export async function claimDevice(userId) {
  const KNOWN = `chat.devices.${userId}`;
  const TAB = `chat.device.${userId}`;
  const lock = (id) => holdLock(`chat-device:${userId}:${id}`);
  const mine = sessionStorage.getItem(TAB);
  if (!navigator.locks) {
    // pages that are not secure contexts have no Web Locks: one device per tab, kept across reloads
    if (mine) return { id: mine, fresh: false };
    const id = newDeviceId();
    sessionStorage.setItem(TAB, id);
    return { id, fresh: true };
  }
  // a reloaded tab takes its own device back, once the page it replaces has let go of it
  if (mine) {
    for (let attempt = 0; attempt < 20; attempt++) {
      if (await lock(mine)) return { id: mine, fresh: false };
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  // a duplicated tab (its session storage copied) or a new one: the first device no open tab holds
  const known = JSON.parse(localStorage.getItem(KNOWN) || '[]');
  for (const id of known.filter((other) => other !== mine)) {
    if (await lock(id)) {
      sessionStorage.setItem(TAB, id);
      return { id, fresh: false };
    }
  }
  const id = newDeviceId();
  await lock(id);
  localStorage.setItem(KNOWN, JSON.stringify([...JSON.parse(localStorage.getItem(KNOWN) || '[]'), id]));
  sessionStorage.setItem(TAB, id);
  return { id, fresh: true };
}
