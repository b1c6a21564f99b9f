// The service worker, for Web Push only: shows a notification for a push while no tab is open
// (docs/push.md: the payload names the chat, how many wait and, only when the server is configured so, the text).

self.addEventListener('push', (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch { data = {}; }
  const waiting = data.waiting > 1 ? `${data.waiting} new messages` : 'New message';
  event.waitUntil(self.registration.showNotification('Chat', {
    body: data.text ? String(data.text) : waiting,
    tag: data.chatId || 'chat',
    data: { chatId: data.chatId || null },
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(self.clients.matchAll({ type: 'window' }).then((tabs) =>
    tabs.length ? tabs[0].focus() : self.clients.openWindow('/')));
});
