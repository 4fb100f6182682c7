import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadAdvisories, main, matchAdvisories, parseAuditOutput, readInstalledTree } from './checkAdvisories.mjs';

const WS_DOS = {
  package: 'ws',
  id: 'GHSA-3h5v-q93c-6h6q',
  title: 'ws affected by a DoS when handling a request with many HTTP headers',
  severity: 'high',
  vulnerable: '>=2.1.0 <5.2.4 || >=6.0.0 <6.2.3 || >=7.0.0 <7.5.10 || >=8.0.0 <8.17.1',
  fixed: ['5.2.4', '6.2.3', '7.5.10', '8.17.1'],
  url: 'https://github.com/advisories/GHSA-3h5v-q93c-6h6q',
};
const DEV_ONLY = { ...WS_DOS, package: 'devtool', id: 'GHSA-dev', vulnerable: '*', fixed: [] };

const roots = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function writeJson(file, value) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value));
}

/**
 * A fake installed tree: the app depends on ws@<rootWs> and on fastify, which carries its own
 * nested ws@7.5.10 (a fixed version on another line); devtool is a devDependency only.
 */
function fakeTree(rootWs) {
  const root = mkdtempSync(join(tmpdir(), 'advisories-'));
  roots.push(root);
  writeJson(join(root, 'package.json'), {
    name: 'app',
    dependencies: { ws: '^8.0.0', fastify: '^5.0.0' },
    optionalDependencies: { 'platform-binary': '1.0.0' },
    devDependencies: { devtool: '1.0.0' },
  });
  writeJson(join(root, 'node_modules/ws/package.json'), { name: 'ws', version: rootWs });
  writeJson(join(root, 'node_modules/fastify/package.json'), { name: 'fastify', version: '5.12.8', dependencies: { ws: '^7.0.0' } });
  writeJson(join(root, 'node_modules/fastify/node_modules/ws/package.json'), { name: 'ws', version: '7.5.10' });
  writeJson(join(root, 'node_modules/devtool/package.json'), { name: 'devtool', version: '1.0.0' });
  return root;
}

function dataFile(root, data) {
  const file = join(root, 'advisories.json');
  writeJson(file, { checked: '2026-12-01', ...data });
  return file;
}

const data = (accepted = []) => ({ advisories: [WS_DOS, DEV_ONLY], accepted });
const found = (root, d, today) =>
  matchAdvisories(readInstalledTree(root).packages, d, today).findings.map((f) => `${f.name}@${f.version}->${f.fix}`);

describe('checkAdvisories', () => {
  it('reports an installed version inside a vulnerable range, with the release that fixes it', () => {
    expect(found(fakeTree('8.17.0'), data())).toEqual(['ws@8.17.0->8.17.1']);
  });

  it('does not report a fixed version, neither at the root nor nested under a dependency', () => {
    expect(found(fakeTree('8.17.1'), data())).toEqual([]);
  });

  it('leaves devDependencies and uninstalled optional packages out of the production tree', () => {
    const tree = readInstalledTree(fakeTree('8.23.0'));
    expect(tree.packages.map((p) => `${p.name}@${p.version}`).sort()).toEqual(['fastify@5.12.8', 'ws@7.5.10', 'ws@8.23.0']);
    expect(tree.missing).toEqual([]);
  });

  it('lets an acceptance silence only the version it names, and only until it expires', () => {
    const acceptance = { package: 'ws', id: WS_DOS.id, versions: '8.17.0', reason: 'r', reviewed: '2026-12-01', expires: '2027-01-31' };
    const root = fakeTree('8.17.0');
    const before = matchAdvisories(readInstalledTree(root).packages, data([acceptance]), new Date('2026-12-02'));
    expect(before.findings).toEqual([]);
    expect(before.accepted.map((f) => f.version)).toEqual(['8.17.0']);

    const after = matchAdvisories(readInstalledTree(root).packages, data([acceptance]), new Date('2027-02-01'));
    expect(after.findings.map((f) => f.expiredAcceptance?.expires)).toEqual(['2027-01-31']);

    expect(found(fakeTree('8.16.0'), data([acceptance]), new Date('2026-12-02'))).toEqual(['ws@8.16.0->8.17.1']);
  });

  it('refuses a data file whose range is not semver instead of skipping the entry', () => {
    const root = fakeTree('8.17.0');
    const file = dataFile(root, { advisories: [{ ...WS_DOS, vulnerable: 'before 8.17.1' }] });
    expect(() => loadAdvisories(file)).toThrow(/"vulnerable" is not a semver range: before 8\.17\.1/);
  });

  it('fails with a listing that names the package, where it is, the advisory and the upgrade', async () => {
    const root = fakeTree('8.17.0');
    const lines = [];
    const code = await main([`--root=${root}`, `--data=${dataFile(root, data())}`, '--no-audit'], (line) => lines.push(line));
    const out = lines.join('\n');
    expect(code).toBe(1);
    expect(out).toContain('ws@8.17.0 (node_modules/ws)');
    expect(out).toContain('GHSA-3h5v-q93c-6h6q [high]');
    expect(out).toContain('upgrade to 8.17.1');
    expect(out).not.toContain('ws@7.5.10');
  });

  it('passes on the same tree once the package is upgraded', async () => {
    const root = fakeTree('8.17.1');
    const lines = [];
    const code = await main([`--root=${root}`, `--data=${dataFile(root, data())}`, '--no-audit'], (line) => lines.push(line));
    expect(code).toBe(0);
    expect(lines.join('\n')).toContain('OK: no installed production package is in a known vulnerable range.');
  });

  it('treats an npm audit error (the 405 of a registry without the audit endpoint) as unavailable', () => {
    const refused = JSON.stringify({ message: '405 Method Not Allowed - POST /-/npm/v1/security/advisories/bulk', statusCode: 405 });
    expect(parseAuditOutput(refused)).toEqual({ available: false, reason: '405 Method Not Allowed - POST /-/npm/v1/security/advisories/bulk' });
    expect(parseAuditOutput('npm ERR! network').available).toBe(false);
  });

  it('reads the advisories of an npm audit report', () => {
    const report = {
      auditReportVersion: 2,
      vulnerabilities: {
        ws: { name: 'ws', severity: 'high', via: [{ source: 1098392, name: 'ws', title: WS_DOS.title, url: WS_DOS.url, severity: 'high', range: '>=8.0.0 <8.17.1' }] },
        'engine.io': { name: 'engine.io', severity: 'high', via: ['ws'] },
      },
      metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 2, critical: 0, total: 2 } },
    };
    const parsed = parseAuditOutput(JSON.stringify(report));
    expect(parsed.available).toBe(true);
    expect(parsed.counts.high).toBe(2);
    expect(parsed.advisories).toEqual([
      { package: 'ws', id: 'GHSA-3h5v-q93c-6h6q', severity: 'high', title: WS_DOS.title, range: '>=8.0.0 <8.17.1', url: WS_DOS.url },
    ]);
  });

  it('ships a data file that loads', () => {
    const shipped = loadAdvisories();
    expect(shipped.advisories.length).toBeGreaterThan(0);
  });
});
