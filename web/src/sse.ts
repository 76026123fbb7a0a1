// Server-Sent Events as the workbench reads them from a fetch body (the token goes in the
// Authorization header, which EventSource cannot send): complete events out of the text so far.
export interface StreamEvent {
  id?: string;
  event: string;
  data: string;
}

/** The complete events in `buffer`, and the text after the last one (an event still arriving). */
export function takeEvents(buffer: string): { events: StreamEvent[]; rest: string } {
  const events: StreamEvent[] = [];
  let rest = buffer;
  let end: number;
  while ((end = rest.indexOf('\n\n')) >= 0) {
    const block = rest.slice(0, end);
    rest = rest.slice(end + 2);
    const event: StreamEvent = { event: 'message', data: '' };
    let hasData = false;
    for (const line of block.split('\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue; // a comment (": keep-alive") or a line without a field
      const field = line.slice(0, colon);
      const value = line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') event.id = value;
      else if (field === 'event') event.event = value;
      else if (field === 'data') {
        event.data += hasData ? `\n${value}` : value;
        hasData = true;
      }
    }
    if (hasData) events.push(event);
  }
  return { events, rest };
}
