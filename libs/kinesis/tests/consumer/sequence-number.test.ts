// Unit: sequence numbers compare as integers (the one comparison every package uses).
import { compareSequenceNumbers, InvalidSequenceNumberError } from '../../src';

describe('compareSequenceNumbers', () => {
  it('compares decimal strings of any length numerically, not as text', () => {
    // act / assess
    expect(compareSequenceNumbers('9', '10')).toBeLessThan(0);
    expect(
      compareSequenceNumbers(
        '49590338271490256608559692538361571095921575989136588899',
        '49590338271490256608559692538361571095921575989136588898',
      ),
    ).toBeGreaterThan(0);
    expect(compareSequenceNumbers('7', '7')).toBe(0);
  });

  it.each(['', '12a', '-1', '1'.repeat(130)])('refuses the malformed operand %j, naming it', (bad) => {
    // act / assess
    expect(() => compareSequenceNumbers(bad, '1')).toThrow(InvalidSequenceNumberError);
    expect(() => compareSequenceNumbers('1', bad)).toThrow(InvalidSequenceNumberError);
  });
});
