import { describe, expect, it } from 'vitest';
import { matchPath, pathParameterNames } from '../../../functions/api/path-template.js';

describe('Function: matchPath', () => {
  it.each([
    ['/agencies', '/agencies', {}],
    ['/agencies', '/agencies/', {}],
    ['/agencies/{ori}', '/agencies/CA0190000', { ori: 'CA0190000' }],
    [
      '/agencies/{ori}/enrollments/{programId}/end',
      '/agencies/CA01/enrollments/account-review/end',
      { ori: 'CA01', programId: 'account-review' },
    ],
    ['/audits/{auditId}', '/audits/aud%20x', { auditId: 'aud x' }],
  ])('matches %s against %s', (template, path, params) => {
    expect(matchPath(template, path)).toEqual({ matched: true, params });
  });

  it.each([
    ['/agencies/{ori}', '/agencies'],
    ['/agencies/{ori}', '/agencies/CA0190000/contacts'],
    ['/agencies/{ori}', '/agencies/CA01%2Fcontacts'],
    ['/agencies/{ori}', '/agencies/%E0%A4%A'],
    ['/agencies/{ori}/contacts', '/agencies//contacts'],
  ])('does not match %s against %s', (template, path) => {
    expect(matchPath(template, path)).toEqual({ matched: false });
  });

  it('lists the parameters of a template in order', () => {
    expect(pathParameterNames('/agencies/{ori}/enrollments/{programId}/end')).toEqual(['ori', 'programId']);
  });
});
