// The deviance statistics of analysis/conventions: which features count as a convention and who deviates.
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, inferConventions, zStatistic, type Site } from '../../src/analysis/conventions/deviance.js';

const site = (label: string, ...features: string[]): Site<string> => ({ label, features: new Set(features), data: label });

describe('zStatistic', () => {
  it('measures the followers\' share above p0 in standard errors', () => {
    expect(zStatistic(7, 8, 0.5)).toBeCloseTo(2.121, 3);
    expect(zStatistic(5, 6, 0.5)).toBeCloseTo(1.633, 3);
    expect(zStatistic(0, 0, 0.5)).toBe(0);
  });
});

describe('inferConventions', () => {
  it('reports the deviants of a feature most sites show', () => {
    const sites = ['a', 'b', 'c', 'd', 'e', 'f'].map((l) => site(l, 'checks')).concat([site('g')]);
    const [conv, ...rest] = inferConventions({ name: 'C', sites });
    expect(rest).toEqual([]);
    expect(conv!.feature).toBe('checks');
    expect(conv!.deviants.map((s) => s.label)).toEqual(['g']);
    expect(conv!.followers).toHaveLength(6);
  });

  it('holds no convention when the feature is a habit, too rare, or universal', () => {
    const habit = ['a', 'b', 'c', 'd', 'e'].map((l) => site(l, 'checks')).concat(['f', 'g', 'h'].map((l) => site(l)));
    expect(inferConventions({ name: 'C', sites: habit })).toEqual([]);
    // 5 of 6: z = 1.63, under 95% confidence.
    const few = ['a', 'b', 'c', 'd', 'e'].map((l) => site(l, 'checks')).concat([site('f')]);
    expect(inferConventions({ name: 'C', sites: few })).toEqual([]);
    const all = ['a', 'b', 'c', 'd', 'e', 'f'].map((l) => site(l, 'checks'));
    expect(inferConventions({ name: 'C', sites: all })).toEqual([]);
  });

  it('takes other thresholds for a wider population', () => {
    const sites = ['a', 'b', 'c', 'd', 'e', 'f'].map((l) => site(l, 'checks')).concat([site('g')]);
    expect(inferConventions({ name: 'C', sites }, { ...DEFAULT_THRESHOLDS, zMin: 2 })).toEqual([]);
    expect(inferConventions({ name: 'C', sites })).toHaveLength(1);
  });
});
