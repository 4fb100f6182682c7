#!/usr/bin/env node
// `npm run check:advisories` (and the first step of `npm test`): fails when an INSTALLED package of
// the production tree is in a vulnerable range of scripts/knownAdvisories.json. Offline on purpose:
// the registry reachable from these machines answers the `npm audit` endpoint with 405 (issue 6,
// "Proof that stays"), so the data file is the gate. `npm audit --omit=dev` is still tried in
// parallel and its summary printed; its being unreachable never fails the check. How it works and
// how to update the data: docs/security.md.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import semver from 'semver';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA_FILE = join(ROOT, 'scripts', 'knownAdvisories.json');
/** Below the 2 s budget of `npm test` even when npm is slow to start; `--audit-timeout=MS` raises it. */
const DEFAULT_AUDIT_TIMEOUT_MS = 1500;
const SEVERITIES = ['none', 'info', 'low', 'moderate', 'high', 'critical'];

// ---------------------------------------------------------------------------------------------
// The installed production tree

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** node_modules folders Node would search from `dir`, nearest first, up to (and including) `root`. */
function lookupFolders(dir, root) {
  const folders = [];
  for (let d = dir; ; d = dirname(d)) {
    if (basename(d) !== 'node_modules') folders.push(join(d, 'node_modules'));
    if (d === root || dirname(d) === d) break;
  }
  return folders;
}

function resolvePackageDir(fromDir, name, root) {
  for (const folder of lookupFolders(fromDir, root)) {
    const dir = join(folder, name);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  return null;
}

/**
 * Walks node_modules from the root package.json's dependencies and optionalDependencies (never
 * devDependencies) the way Node resolves them, following each installed package's dependencies,
 * optionalDependencies and peerDependencies. Returns what is on disk, not what a lockfile promises.
 */
export function readInstalledTree(root) {
  const rootManifest = readJson(join(root, 'package.json'));
  const installs = new Map(); // package dir -> { name, version, dir }
  const missing = [];
  const queue = [];
  const want = (fromDir, deps, optional, from) => {
    for (const name of Object.keys(deps ?? {})) queue.push({ fromDir, name, optional, from });
  };
  want(root, rootManifest.dependencies, false, rootManifest.name);
  want(root, rootManifest.optionalDependencies, true, rootManifest.name);
  while (queue.length > 0) {
    const { fromDir, name, optional, from } = queue.shift();
    const dir = resolvePackageDir(fromDir, name, root);
    if (dir === null) {
      // Platform-specific optional packages (esbuild, rolldown, lightningcss) are absent by design.
      if (!optional) missing.push(`${name} (needed by ${from})`);
      continue;
    }
    if (installs.has(dir)) continue;
    const manifest = readJson(join(dir, 'package.json'));
    installs.set(dir, { name: manifest.name ?? name, version: manifest.version, dir });
    want(dir, manifest.dependencies, false, manifest.name);
    want(dir, manifest.optionalDependencies, true, manifest.name);
    // npm installs peers next to their dependent; one left out is the dependent's problem, not ours.
    want(dir, manifest.peerDependencies, true, manifest.name);
  }
  return { packages: [...installs.values()], missing };
}

// ---------------------------------------------------------------------------------------------
// The data file

/** Reads and checks the data file; a malformed entry is an error, never a silently skipped check. */
export function loadAdvisories(file = DATA_FILE) {
  const data = readJson(file);
  const problems = [];
  if (!Array.isArray(data.advisories)) problems.push('"advisories" must be an array');
  for (const [i, a] of (data.advisories ?? []).entries()) {
    const where = `advisories[${i}] (${a.package ?? '?'} ${a.id ?? '?'})`;
    for (const field of ['package', 'id', 'title', 'vulnerable', 'url']) {
      if (typeof a[field] !== 'string' || a[field] === '') problems.push(`${where}: "${field}" is missing`);
    }
    if (!Array.isArray(a.fixed)) problems.push(`${where}: "fixed" must be an array (empty when there is no fix)`);
    if (typeof a.vulnerable === 'string' && semver.validRange(a.vulnerable) === null) {
      problems.push(`${where}: "vulnerable" is not a semver range: ${a.vulnerable}`);
    }
  }
  for (const [i, acc] of (data.accepted ?? []).entries()) {
    const where = `accepted[${i}] (${acc.package ?? '?'} ${acc.id ?? '?'})`;
    for (const field of ['package', 'id', 'versions', 'reason', 'reviewed', 'expires']) {
      if (typeof acc[field] !== 'string' || acc[field] === '') problems.push(`${where}: "${field}" is missing`);
    }
    if (typeof acc.versions === 'string' && semver.validRange(acc.versions) === null) {
      problems.push(`${where}: "versions" is not a semver range: ${acc.versions}`);
    }
    if (Number.isNaN(Date.parse(acc.expires))) problems.push(`${where}: "expires" is not a date: ${acc.expires}`);
  }
  if (problems.length > 0) throw new Error(`${file} is malformed:\n  ${problems.join('\n  ')}`);
  return { checked: data.checked, advisories: data.advisories, accepted: data.accepted ?? [] };
}

/** The lowest fixed version above `version`, or all of them when none is (e.g. an unfixed line). */
function fixFor(version, fixed) {
  const above = fixed.filter((f) => semver.valid(f) && semver.gt(f, version)).sort(semver.compare);
  return above.length > 0 ? above[0] : fixed.join(' / ') || 'no fixed version published';
}

/**
 * Pairs every installed package with the advisories whose vulnerable range contains its version.
 * An acceptance silences one advisory for the listed versions until it expires; an expired one
 * turns back into a finding so that a waiver cannot outlive its review.
 */
export function matchAdvisories(installed, { advisories, accepted }, today = new Date()) {
  const findings = [];
  const acceptedFindings = [];
  for (const pkg of installed) {
    if (!semver.valid(pkg.version)) continue;
    for (const advisory of advisories) {
      if (advisory.package !== pkg.name) continue;
      if (!semver.satisfies(pkg.version, advisory.vulnerable, { includePrerelease: true })) continue;
      const finding = { ...pkg, advisory, fix: fixFor(pkg.version, advisory.fixed) };
      const acceptance = accepted.find(
        (acc) => acc.package === pkg.name && acc.id === advisory.id && semver.satisfies(pkg.version, acc.versions),
      );
      if (acceptance && Date.parse(acceptance.expires) >= today.getTime()) {
        acceptedFindings.push({ ...finding, acceptance });
      } else {
        findings.push(acceptance ? { ...finding, expiredAcceptance: acceptance } : finding);
      }
    }
  }
  return { findings, accepted: acceptedFindings };
}

// ---------------------------------------------------------------------------------------------
// npm audit, when the registry answers

/**
 * Reads the output of `npm audit --json`: a report (version 2, npm 7+) becomes the list of its
 * advisories; an error object (what a registry without the audit endpoint produces) or anything
 * unreadable becomes "unavailable" with the reason.
 */
export function parseAuditOutput(stdout, fallbackReason = 'unreadable output') {
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    return { available: false, reason: fallbackReason };
  }
  if (!report.vulnerabilities) {
    const reason = report.message ?? report.error?.summary ?? 'no report';
    return { available: false, reason: String(reason).split('\n')[0] };
  }
  const advisories = [];
  for (const vuln of Object.values(report.vulnerabilities)) {
    for (const via of vuln.via ?? []) {
      if (typeof via !== 'object') continue; // a string names the dependency it comes through
      const id = /GHSA-[\w-]+/i.exec(via.url ?? '')?.[0] ?? String(via.source);
      advisories.push({ package: via.name, id, severity: via.severity, title: via.title, range: via.range, url: via.url });
    }
  }
  return { available: true, counts: report.metadata?.vulnerabilities ?? {}, advisories };
}

/** Runs `npm audit --omit=dev --json` for at most `timeoutMs`; resolves to a summary, never rejects. */
export function runNpmAudit(root, timeoutMs) {
  return new Promise((resolveAudit) => {
    const npmCli = process.env.npm_execpath;
    const [command, args] = npmCli?.endsWith('.js')
      ? [process.execPath, [npmCli, 'audit', '--omit=dev', '--json']]
      : ['npm', ['audit', '--omit=dev', '--json']];
    execFile(command, args, { cwd: root, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 }, (error, stdout) => {
      if (error?.killed) return resolveAudit({ available: false, reason: `no answer within ${timeoutMs} ms` });
      // npm audit exits 1 both when it finds something and when it fails: the output tells which.
      resolveAudit(parseAuditOutput(stdout, error ? error.message.split('\n')[0] : undefined));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Command line

function parseArgs(argv) {
  const options = { auditTimeoutMs: DEFAULT_AUDIT_TIMEOUT_MS, auditLevel: 'high', audit: true, root: ROOT, data: DATA_FILE };
  for (const arg of argv) {
    const eq = arg.indexOf('=');
    const [key, value] = eq < 0 ? [arg, ''] : [arg.slice(0, eq), arg.slice(eq + 1)];
    if (key === '--audit-timeout') options.auditTimeoutMs = Number(value);
    else if (key === '--audit-level') options.auditLevel = value;
    else if (key === '--no-audit') options.audit = false;
    else if (key === '--root') options.root = resolve(value);
    else if (key === '--data') options.data = resolve(value);
    else throw new Error(`unknown option ${arg} (known: --audit-timeout=MS --audit-level=LEVEL --no-audit --root=DIR --data=FILE)`);
  }
  if (!Number.isFinite(options.auditTimeoutMs) || options.auditTimeoutMs <= 0) throw new Error('--audit-timeout must be a positive number of ms');
  if (!SEVERITIES.includes(options.auditLevel)) throw new Error(`--audit-level must be one of ${SEVERITIES.join(', ')}`);
  return options;
}

function formatFinding(root, f) {
  const a = f.advisory;
  return `  ${f.name}@${f.version} (${relative(root, f.dir)})\n` +
    `    ${a.id}${a.severity ? ` [${a.severity}]` : ''} ${a.title}\n` +
    `    vulnerable ${a.vulnerable}; upgrade to ${f.fix}\n    ${a.url}`;
}

/** Prints the report and returns the exit code. */
export async function main(argv = process.argv.slice(2), log = console.log) {
  const options = parseArgs(argv);
  const audit = options.audit ? runNpmAudit(options.root, options.auditTimeoutMs) : Promise.resolve(null);
  const data = loadAdvisories(options.data);
  const tree = readInstalledTree(options.root);
  const { findings, accepted } = matchAdvisories(tree.packages, data);
  const covered = new Set(data.advisories.map((a) => a.package));
  let failed = false;

  log(`Known advisories (${relative(ROOT, options.data)}, checked ${data.checked}): ${data.advisories.length} for ${covered.size} packages.`);
  log(`Installed production tree: ${tree.packages.length} packages in node_modules (devDependencies left out).`);
  for (const m of tree.missing) log(`  warning: ${m} is not installed; run npm ci`);
  if (findings.length === 0) {
    log('OK: no installed production package is in a known vulnerable range.');
  } else {
    failed = true;
    log(`VULNERABLE: ${findings.length} known advisor${findings.length === 1 ? 'y affects' : 'ies affect'} installed production packages:`);
    for (const f of findings) {
      log(formatFinding(options.root, f));
      if (f.expiredAcceptance) log(`    (its acceptance expired on ${f.expiredAcceptance.expires}: review it again)`);
    }
  }
  for (const f of accepted) {
    log(`Accepted until ${f.acceptance.expires} (reviewed ${f.acceptance.reviewed}):\n${formatFinding(options.root, f)}\n    why: ${f.acceptance.reason}`);
  }

  const report = await audit;
  if (report === null) {
    log('npm audit: skipped (--no-audit).');
  } else if (!report.available) {
    log(`npm audit --omit=dev: unavailable (${report.reason}); the check above is the gate.`);
  } else {
    const c = report.counts;
    log(`npm audit --omit=dev: ${c.total ?? report.advisories.length} vulnerabilities (critical ${c.critical ?? 0}, high ${c.high ?? 0}, moderate ${c.moderate ?? 0}, low ${c.low ?? 0}).`);
    const threshold = SEVERITIES.indexOf(options.auditLevel);
    for (const a of report.advisories) {
      const isAccepted = data.accepted.some(
        (acc) => acc.package === a.package && acc.id === a.id && Date.parse(acc.expires) >= Date.now(),
      );
      const known = data.advisories.some((k) => k.package === a.package && k.id === a.id);
      const blocking = !isAccepted && options.auditLevel !== 'none' && SEVERITIES.indexOf(a.severity) >= threshold;
      if (blocking) failed = true;
      log(`  ${a.package} ${a.range} ${a.id} [${a.severity}] ${a.title}${known ? '' : ' (not in knownAdvisories.json: add it)'}${isAccepted ? ' (accepted)' : ''}`);
    }
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`check:advisories: ${error.message}`);
      process.exit(2);
    },
  );
}
