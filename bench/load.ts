// A load generator in its own process (so it does not share the server's event loop): keep-alive GETs
// from N concurrent clients for D milliseconds; prints {"requests":…,"ms":…,"errors":…} on stdout.
import http from 'node:http';

const [url, concurrency = '16', duration = '3000'] = process.argv.slice(2);
const target = new URL(url!);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(concurrency) });
let requests = 0;
let errors = 0;
const end = Date.now() + Number(duration);
const start = Date.now();

function one(): Promise<void> {
  return new Promise((resolve) => {
    const req = http.get(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, agent },
      (res) => {
        res.on('data', () => {});
        res.on('end', () => {
          if (res.statusCode === 200) requests++;
          else errors++;
          resolve();
        });
      },
    );
    req.on('error', () => {
      errors++;
      resolve();
    });
  });
}

async function client() {
  while (Date.now() < end) await one();
}

await Promise.all(Array.from({ length: Number(concurrency) }, client));
process.stdout.write(JSON.stringify({ requests, errors, ms: Date.now() - start }));
agent.destroy();
