// Preloaded into a measured process (`node --import ./bench/max-rss.mjs …`): at exit, appends the process's peak
// resident set size in KiB to the file named by LEAN_BENCH_RSS_FILE. Node reports no rusage of a child, so the
// child reports its own.
import { appendFileSync } from 'node:fs';

const file = process.env.LEAN_BENCH_RSS_FILE;
if (file) process.on('exit', () => appendFileSync(file, `${process.resourceUsage().maxRSS}\n`));
