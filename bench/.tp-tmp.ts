// temp: throughput part of bench/run.ts only
import { spawn } from 'node:child_process';
import { Pool } from 'undici';
const ROOT = '/work/main/';
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
async function startServer(kind: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/serve.ts', kind], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => { buffered += chunk.toString(); if (buffered.includes('\n')) resolve(buffered.split('\n')[0]!); });
    child.once('exit', (code) => reject(new Error(`exited ${code}`)));
  });
  return { info: JSON.parse(line), stop: () => child.kill('SIGTERM') };
}
async function throughput(url: string, headers: Record<string, string>, body: string, connections: number, total: number) {
  const pool = new Pool(url, { connections, pipelining: 1 });
  let sent = 0;
  const worker = async () => { while (sent < total) { sent += 1; const r = await pool.request({ method: 'POST', path: '/sendOtp', headers, body }); await r.body.arrayBuffer(); } };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections * 2 }, worker));
  const s = (performance.now() - started) / 1000; await pool.close(); return total / s;
}
const p = await startServer('provider'); const b = await startServer('bare');
const { credentials, holder } = p.info;
const headers = { authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`, 'content-type': 'application/json' };
const body = JSON.stringify(holder);
await throughput(p.info.url, headers, body, 16, 500); await throughput(b.info.url, headers, body, 16, 500);
const r = { p: [] as number[], b: [] as number[] };
for (let i = 0; i < 3; i++) { r.p.push(await throughput(p.info.url, headers, body, 16, 5000)); r.b.push(await throughput(b.info.url, headers, body, 16, 5000)); }
p.stop(); b.stop();
console.log(`provider ${median(r.p).toFixed(0)} bare ${median(r.b).toFixed(0)} ratio ${(median(r.p)/median(r.b)).toFixed(2)}  all p=${r.p.map(x=>x.toFixed(0))} b=${r.b.map(x=>x.toFixed(0))}`);
