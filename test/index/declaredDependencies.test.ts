// The declared-minimum parser: PEP 508 requirement strings, the three manifest formats, PEP 440 ordering, and how
// several declarations of one distribution combine.
import { describe, expect, it } from 'vitest';
import {
  compareVersions, declaredMinimums, parseRequirement, pyprojectToml, requirementsTxt, setupCfg,
} from '../../src/index/declaredDependencies.js';

describe('parseRequirement', () => {
  it('reads the lower bound of the forms requirement files use', () => {
    expect(parseRequirement('Django>=4.2 # BSD')).toEqual({ name: 'django', minimum: '4.2' });
    expect(parseRequirement('Django>=1.4,<1.9')).toEqual({ name: 'django', minimum: '1.4' });
    expect(parseRequirement('django ==3.2.*')).toEqual({ name: 'django', minimum: '3.2' });
    expect(parseRequirement('Django~=2.2.0')).toEqual({ name: 'django', minimum: '2.2.0' });
    expect(parseRequirement('Django>1.8')).toEqual({ name: 'django', minimum: '1.8' });
    expect(parseRequirement('Django[argon2] (>=1.11, !=2.0)')).toEqual({ name: 'django', minimum: '1.11' });
    expect(parseRequirement('Django>=3.2;python_version>="3.8"')).toEqual({ name: 'django', minimum: '3.2' });
    expect(parseRequirement('Django_Compressor>=4.4')).toEqual({ name: 'django-compressor', minimum: '4.4' });
  });

  it('knows no minimum for a bare name, an upper bound only, or a URL', () => {
    expect(parseRequirement('Django')).toEqual({ name: 'django', minimum: null });
    expect(parseRequirement('Django<2')).toEqual({ name: 'django', minimum: null });
    expect(parseRequirement('django @ https://example.org/django.tar.gz')).toEqual({ name: 'django', minimum: null });
    expect(parseRequirement('-r other.txt')).toBeNull();
  });
});

describe('manifests', () => {
  it('requirements.txt: comments, options and continuation lines', () => {
    const text = '# header\npbr>=5.5.0 # Apache-2.0\n-c constraints.txt\nDjango>=4.2 \\\n  --hash=sha256:abc\n\n';
    expect(requirementsTxt(text)).toEqual([{ name: 'pbr', minimum: '5.5.0' }, { name: 'django', minimum: '4.2' }]);
  });

  it('setup.cfg: install_requires under [options] only', () => {
    const text = '[metadata]\nname = x\ninstall_requires = Django>=0.1\n\n[options]\ninstall_requires =\n    Django>=2.2\n    six\n\n[options.extras_require]\ntest =\n    Django>=1.0\n';
    expect(setupCfg(text)).toEqual([{ name: 'django', minimum: '2.2' }, { name: 'six', minimum: null }]);
  });

  it('pyproject.toml: [project] dependencies; a broken file declares nothing', () => {
    const text = '[build-system]\nrequires = ["Django>=0.1"]\n\n[project]\nname = "x"\ndependencies = [\n  "Django>=4.0",\n]\n';
    expect(pyprojectToml(text)).toEqual([{ name: 'django', minimum: '4.0' }]);
    expect(pyprojectToml('[project\ndependencies = ')).toEqual([]);
  });
});

describe('declaredMinimums', () => {
  it('takes the lowest declaration, and none when one states no bound', () => {
    expect(declaredMinimums([{ name: 'django', minimum: '4.2' }, { name: 'django', minimum: '3.2' }], ['Django'])).toEqual({ django: '3.2' });
    expect(declaredMinimums([{ name: 'django', minimum: '4.2' }, { name: 'django', minimum: null }], ['Django'])).toEqual({});
    expect(declaredMinimums([{ name: 'six', minimum: '1.0' }], ['Django'])).toEqual({});
  });
});

describe('compareVersions', () => {
  it('orders releases numerically and pre-releases before the release', () => {
    expect(compareVersions('1.10', '1.8')).toBeGreaterThan(0);
    expect(compareVersions('1.8', '1.8.0')).toBe(0);
    expect(compareVersions('1.8rc1', '1.8')).toBeLessThan(0);
    expect(compareVersions('1.8.dev1', '1.8a1')).toBeLessThan(0);
    expect(compareVersions('1.7.11', '1.8')).toBeLessThan(0);
  });
});
