// Days and times in the reader's locale and time zone (the server sends UTC instants).

const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const day = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const shortDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

export function timeOf(instant) {
  return time.format(new Date(instant));
}

export function fullTimeOf(instant) {
  return full.format(new Date(instant));
}

export function dayKey(instant) {
  const d = new Date(instant);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

/** "Today", "Yesterday" or the date, in the reader's language where the browser knows it. */
export function dayLabel(instant) {
  const date = new Date(instant);
  const today = new Date();
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  if (dayKey(date) === dayKey(today)) return capitalize(relative.format(0, 'day'));
  if (dayKey(date) === dayKey(yesterday)) return capitalize(relative.format(-1, 'day'));
  return day.format(date);
}

/** For the chat list: the time today, the day otherwise. */
export function whenShort(instant) {
  const date = new Date(instant);
  return dayKey(date) === dayKey(new Date()) ? time.format(date) : shortDay.format(date);
}

export function lastSeenText(presence) {
  if (!presence) return '';
  if (presence.online) return 'online';
  if (!presence.lastSeen) return 'offline';
  return `last seen ${dayLabel(presence.lastSeen).toLowerCase()} at ${timeOf(presence.lastSeen)}`;
}

function capitalize(text) {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
