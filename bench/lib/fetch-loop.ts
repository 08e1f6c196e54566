// A load process of its own: GETs one URL over and over (reading each body to its end) until it
// is killed, printing a line per finished request. bench/lists.ts runs the county export with it
// while it measures the lists.
//   URL=… AUTH='Bearer …' tsx bench/lib/fetch-loop.ts
export {};
const url = process.env.URL;
if (!url) throw new Error('URL is required');
const headers = { authorization: process.env.AUTH ?? '' };
for (;;) {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  let bytes = 0;
  const reader = res.body?.getReader();
  for (let part = await reader?.read(); part && !part.done; part = await reader?.read()) bytes += part.value.byteLength;
  process.stdout.write(`${res.status} ${bytes} ${Math.round(performance.now() - t0)}\n`);
}
