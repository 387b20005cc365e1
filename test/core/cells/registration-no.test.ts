import { parseRegistrationNo } from '../../../src/core/cells/registration-no';

describe('parseRegistrationNo', () => {
  it('parses the DOMAIN example 511618201705981300', () => {
    expect(parseRegistrationNo('511618201705981300')).toEqual({
      shape: 'ok',
      school: '51161',
      type: '8',
      year: 2017,
      level: '05',
      serial: '981300',
    });
  });
  it('accepts level 06 (专科)', () => {
    expect(parseRegistrationNo('511618202306000123')).toMatchObject({ shape: 'ok', level: '06', year: 2023 });
  });
  it('calls a 17-digit number legacy', () => {
    expect(parseRegistrationNo('51161820170598130')).toEqual({ shape: 'legacy' });
  });
  it.each([
    ['5116182017059813', '应为18位数字，当前为16位'],
    ['5116182017059813001', '应为18位数字，当前为19位'],
    ['51161820170598130X', '应为18位数字，含有非数字字符'],
    ['', '应为18位数字，含有非数字字符'],
    ['101618201705981300', '应以51161开头'],
    ['511618201707981300', '层次应为05或06，当前为07'],
  ])('rejects %j: %s', (s, reason) => expect(parseRegistrationNo(s)).toEqual({ shape: 'bad', reason }));
});
