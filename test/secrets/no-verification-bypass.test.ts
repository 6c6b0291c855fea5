// Certificate verification is never switched off (interface.md). This scans the project's own code (src/,
// contracts/, suites/, bench/; not node_modules, not test/, whose hostile servers legitimately build bad
// certificates) for the known ways of switching it off, with comments blanked out so that a comment explaining
// why we never do it does not count. The table below proves the scanner can fail, and that it spares
// look-alikes the project does use (a server's `rejectUnauthorized: true`, pact's `publishVerificationResult`).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/spawn-cli.ts';

const SCANNED_DIRS = ['src', 'contracts', 'suites', 'bench'];
const SKIPPED_DIRS = new Set(['node_modules', 'test']);

/** A function body that gives nothing back: `undefined`, `null`, `void 0`, `{}`, `{ return; }`, `{ return undefined; }`. */
const RETURNS_NOTHING = String.raw`(?:undefined|null|void\s+0|\{\s*(?:return\s*(?:undefined|null|void\s+0)?\s*;?\s*)?\})`;
const PARAMS = String.raw`(?:\([^)]*\)|[A-Za-z_$][\w$]*)`;
const RETURN_TYPE = String.raw`(?:\s*:\s*[\w$|\s.<>]+?)?`;

/** Each rule names one way of disabling verification; patterns run over the whole text (constructs span lines). */
const RULES: ReadonlyArray<readonly [rule: string, pattern: RegExp]> = [
  // Anything but a literal `true` (false, 0, an expression, a shorthand property) may turn it off.
  ['rejectUnauthorized not true', /\brejectUnauthorized\b["']?\s*(?:[:=](?!=)(?!\s*true\b)|[,}])/g],
  // Setting it (an assignment, an env object's key, delete) is a bypass; reading it to refuse it is not.
  ['NODE_TLS_REJECT_UNAUTHORIZED', /\bNODE_TLS_REJECT_UNAUTHORIZED\b['"]?\]?\s*(?:[:=](?!=))|\bdelete\b[^;\n]*NODE_TLS_REJECT_UNAUTHORIZED/g],
  ['checkServerIdentity returning nothing', new RegExp(
    String.raw`\bcheckServerIdentity\b["']?\s*(?:[:=]\s*(?:async\s*)?(?:${PARAMS}${RETURN_TYPE}\s*=>\s*${RETURNS_NOTHING}` +
      String.raw`|function\b[^(]*\([^)]*\)${RETURN_TYPE}\s*${RETURNS_NOTHING})|\([^)]*\)${RETURN_TYPE}\s*${RETURNS_NOTHING})`,
    'g',
  )],
  ['insecure option', /\b\w*insecure\w*\b["']?\s*[:=]\s*(?:true|1|!0)\b/gi],
  ['--insecure flag', /--insecure\b/g],
  ['-k flag', /["'`]-k["'`]|\bcurl\b[^"'`\n]*\s-[A-Za-z]*k[A-Za-z]*\b/g],
  ['other no-verify flag', /--no-check-certificate\b|--ignore-certificate-errors\b|GIT_SSL_NO_VERIFY/g],
  ['strictSSL false', /\bstrict[-_]?ssl\b["']?\s*[:=]\s*(?:false|0)\b/gi],
  ['verify: false', /\b\w*verif\w*\b["']?\s*[:=]\s*(?:false|0|!1)\b/gi],
  ['skip/disable verification: true',
    /\b(?:skip|no|disable|ignore|bypass)[-_]?(?:ssl|tls|https|cert(?:ificate)?s?)?[-_]?(?:verif\w*|checks?|errors?)\b["']?\s*[:=]\s*(?:true|1|!0)\b/gi],
];

/** Every comment of the source, found by the TypeScript parser (so `//` inside a string or template stays). */
function commentRanges(source: string): ts.CommentRange[] {
  const file = ts.createSourceFile('scanned.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const ranges = new Map<number, ts.CommentRange>();
  const visit = (node: ts.Node): void => {
    for (const r of ts.getLeadingCommentRanges(source, node.getFullStart()) ?? []) ranges.set(r.pos, r);
    for (const r of ts.getTrailingCommentRanges(source, node.getEnd()) ?? []) ranges.set(r.pos, r);
    for (const child of node.getChildren(file)) visit(child);
  };
  visit(file);
  return [...ranges.values()];
}

/** The source with every comment replaced by spaces (line breaks kept, so line numbers stay right). */
function withoutComments(source: string): string {
  let text = source;
  for (const { pos, end } of commentRanges(source)) {
    text = text.slice(0, pos) + text.slice(pos, end).replace(/[^\n]/g, ' ') + text.slice(end);
  }
  return text;
}

interface Finding {
  rule: string;
  line: number;
  text: string;
}

function findBypasses(source: string): Finding[] {
  const text = withoutComments(source);
  const findings: Finding[] = [];
  for (const [rule, pattern] of RULES) {
    for (const match of text.matchAll(pattern)) {
      const line = text.slice(0, match.index).split('\n').length;
      findings.push({ rule, line, text: match[0].replace(/\s+/g, ' ').trim() });
    }
  }
  return findings;
}

function tsFiles(dir: string): string[] {
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : tsFiles(path);
    return entry.isFile() && entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('no certificate-verification bypass in the project', () => {
  it('finds none in any .ts file of src/, contracts/, suites/ and bench/', () => {
    const files = SCANNED_DIRS.flatMap((dir) => tsFiles(join(ROOT, dir)));
    // The scan must have read the client and the provider, or it proves nothing.
    expect(files.map((f) => relative(ROOT, f))).toEqual(expect.arrayContaining(['src/client/tls-agent.ts', 'src/sandbox/server.ts']));
    const found = files.flatMap((file) =>
      findBypasses(readFileSync(file, 'utf8')).map((f) => `${relative(ROOT, file)}:${f.line} ${f.rule}: ${f.text}`));
    expect(found).toEqual([]);
  });
});

describe('the scanner', () => {
  const FLAGGED: ReadonlyArray<readonly [string, string]> = [
    ['new Agent({ connect: { rejectUnauthorized: false } });', 'rejectUnauthorized not true'],
    ["const options = { 'rejectUnauthorized': false };", 'rejectUnauthorized not true'],
    ['options.rejectUnauthorized = false;', 'rejectUnauthorized not true'],
    ["https.request(url, { rejectUnauthorized: process.env.CI !== 'true' });", 'rejectUnauthorized not true'],
    ['const rejectUnauthorized = loose(); tls.connect({ host, rejectUnauthorized });', 'rejectUnauthorized not true'],
    ["process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';", 'NODE_TLS_REJECT_UNAUTHORIZED'],
    ["process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';", 'NODE_TLS_REJECT_UNAUTHORIZED'],
    ["spawn('node', [cli], { env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0' } });", 'NODE_TLS_REJECT_UNAUTHORIZED'],
    ['tls.connect({ host, checkServerIdentity: () => undefined });', 'checkServerIdentity returning nothing'],
    ['new Agent({ connect: { checkServerIdentity: (_host, _cert) => {} } });', 'checkServerIdentity returning nothing'],
    ['const o = { checkServerIdentity: (host: string, cert: PeerCertificate): Error | undefined => undefined };', 'checkServerIdentity returning nothing'],
    ['const o = { checkServerIdentity: function () { return; } };', 'checkServerIdentity returning nothing'],
    ['const o = { checkServerIdentity(): undefined {\n  return undefined;\n} };', 'checkServerIdentity returning nothing'],
    ['options.checkServerIdentity = () => null;', 'checkServerIdentity returning nothing'],
    ['const o = { checkServerIdentity: async _ => void 0 };', 'checkServerIdentity returning nothing'],
    ['const client = connect({ insecure: true });', 'insecure option'],
    ['const o = { allowInsecure: true, insecureSkipVerify: 1 };', 'insecure option'],
    ["execSync('curl --insecure https://staging.example/sendOtp');", '--insecure flag'],
    ["spawn('curl', ['--insecure', url]);", '--insecure flag'],
    ["spawn('curl', ['-k', url]);", '-k flag'],
    ['execSync(`curl -k ${url}`);', '-k flag'],
    ["exec('curl -sSk https://staging.example/sendOtp');", '-k flag'],
    ["execSync('wget --no-check-certificate https://staging.example/');", 'other no-verify flag'],
    ['request({ url, strictSSL: false });', 'strictSSL false'],
    ["execSync('npm config set strict-ssl=false');", 'strictSSL false'],
    ['client.post(url, { verify: false });', 'verify: false'],
    ['const o = { sslVerify: false, tls: { verifyPeer: 0 } };', 'verify: false'],
    ['new Verifier({ providerBaseUrl, disableSSLVerification: true });', 'skip/disable verification: true'],
    ['browser.newContext({ ignoreHTTPSErrors: true });', 'skip/disable verification: true'],
    ['const o = { skipVerify: true, ignoreCertificateErrors: true };', 'skip/disable verification: true'],
  ];

  it.each(FLAGGED)('flags %j', (source, rule) => {
    expect(findBypasses(source).map((f) => f.rule)).toContain(rule);
  });

  const SPARED: ReadonlyArray<readonly [string, string]> = [
    ['a server that verifies its clients', "https.createServer({ requestCert: true, rejectUnauthorized: true }, handler);"],
    ['reading the variable to refuse it', "if (env['NODE_TLS_REJECT_UNAUTHORIZED'] === '0') throw new ConfigError('NODE_TLS_REJECT_UNAUTHORIZED', 'is 0');"],
    ['a comment saying what is never done', '// NODE_TLS_REJECT_UNAUTHORIZED is never set, rejectUnauthorized: false never written\nconst x = 1;'],
    ['a block comment', '/* curl -k, --insecure, verify: false, strictSSL: false */ export {};'],
    ['a doc comment on a property', 'const o = {\n  /** Never `checkServerIdentity: () => undefined`. */\n  ca,\n};'],
    ['a checkServerIdentity that adds a check', 'const o = { checkServerIdentity: (host, cert) => tls.checkServerIdentity(host, cert) ?? pin(cert) };'],
    ["a call of node's own check", 'const error = tls.checkServerIdentity(host, cert);'],
    ['pact publishing verification results', 'new Verifier({ publishVerificationResult: true, providerVersion });'],
    ['verification reports', "const report = { verified: [], notVerifiable: [] }; const verify = true; UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tls';"],
    ['a scenario name and an override', "const s = { name: 'noClientCertificate', overrides: { withoutClientCertificate: true } };"],
    ['curl without -k', "execSync('curl -sS --fail https://staging.example/');"],
    ['a URL in a template literal with a comment-like //', 'const url = `${scheme}://127.0.0.1:${port}`; const o = { rejectUnauthorized: true };'],
    ['a PEM header string', "const begin = '-----BEGIN PRIVATE KEY-----';"],
    ['the word in a message', "throw new Error('a non-loopback http:// target is insecure and refused');"],
    ['a comparison, not an assignment', 'if (options.rejectUnauthorized === true) ok();'],
  ];

  it.each(SPARED)('spares %s', (_name, source) => {
    expect(findBypasses(source)).toEqual([]);
  });

  it('reports the line of the finding, counting blanked comment lines', () => {
    const source = '/**\n * header\n */\nconst a = 1;\nconst o = { strictSSL: false };\n';
    expect(findBypasses(source)).toEqual([{ rule: 'strictSSL false', line: 5, text: 'strictSSL: false' }]);
  });
});
