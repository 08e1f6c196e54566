// A load process of its own: GETs one URL over and over (reading each body to its end) until it
// is killed, printing a line per finished request ("<status> <bytes> <ms>") and, when stopped
// (SIGTERM), one for the request in progress ("partial <bytes> <ms>"), so the caller knows how
// fast the export ran meanwhile. bench/lists.ts runs the county export with it while it
// measures the lists.
//   URL=… AUTH='Bearer …' tsx bench/lib/fetch-loop.ts
export {};
const url = process.env.URL;
if (!url) throw new Error('URL is required');
const headers = { authorization: process.env.AUTH ?? '' };
let bytes = 0;
let t0 = performance.now();
process.on('SIGTERM', () => {
  process.stdout.write(`partial ${bytes} ${Math.round(performance.now() - t0)}\n`);
  process.exit(0);
});
for (;;) {
  t0 = performance.now();
  bytes = 0;
  const res = await fetch(url, { headers });
  const reader = res.body?.getReader();
  for (let part = await reader?.read(); part && !part.done; part = await reader?.read()) bytes += part.value.byteLength;
  process.stdout.write(`${res.status} ${bytes} ${Math.round(performance.now() - t0)}\n`);
}
