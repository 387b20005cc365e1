import { normaliseGender } from '../../../src/core/cells/gender';

describe('normaliseGender', () => {
  it('accepts 男 and 女 as valid', () => {
    expect(normaliseGender('男')).toEqual({ status: 'valid', value: '男' });
    expect(normaliseGender('女')).toEqual({ status: 'valid', value: '女' });
  });
  it.each(['M', 'm', 'male', 'Male', 'MALE', '1', '男性'])('fixes %j → 男', (s) =>
    expect(normaliseGender(s)).toEqual({ status: 'fixable', value: '男' }),
  );
  it.each(['F', 'f', 'female', 'Female', '2', '女性'])('fixes %j → 女', (s) =>
    expect(normaliseGender(s)).toEqual({ status: 'fixable', value: '女' }),
  );
  it.each(['', '0', '3', '未知', '男女', 'x', 'man'])('rejects %j', (s) => expect(normaliseGender(s)).toEqual({ status: 'invalid' }));
});
