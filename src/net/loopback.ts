// Which hosts are this machine. Plain http, which carries Basic credentials and pages in clear, is allowed only
// to them, by the configuration, the client and the drift reader alike.

/** 127.0.0.0/8, ::1 and `localhost`, as WHATWG URL writes them (`127.1` → `127.0.0.1`, `[::1]`). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return octets !== null && octets[1] === '127' && octets.slice(2).every((o) => Number(o) <= 255);
}
