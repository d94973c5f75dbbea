import fc from 'fast-check';
import { malformedParameters, parseQueryString } from '../../../api/http/query-string';

describe('the strict query parser', () => {
  it('decodes what URLSearchParams decodes, repeated keys as arrays', () => {
    const parsed = parseQueryString('cluster=DH-LOC-GIANG-1&q=B%C3%A1o+c%C3%A1o&tab=&flag&a=1&a=2');
    expect({ ...parsed }).toEqual({ cluster: 'DH-LOC-GIANG-1', q: 'Báo cáo', tab: '', flag: '', a: ['1', '2'] });
    expect(malformedParameters(parsed)).toEqual([]);
  });

  it('gives an empty query for an address without one', () => {
    expect({ ...parseQueryString(null) }).toEqual({});
    expect({ ...parseQueryString('') }).toEqual({});
  });

  it('names parameters whose escapes are malformed or not UTF-8, and keeps the others', () => {
    const parsed = parseQueryString('cluster=a%ED%A0%80&cursor=%zz&tab=mine&%E0=1');
    expect(malformedParameters(parsed)).toEqual(['cluster', 'cursor', '%E0']);
    expect({ ...parsed }).toEqual({ tab: 'mine' });
  });

  it('round-trips any well-formed string sent by encodeURIComponent', () => {
    const wellFormed = fc.string({ unit: 'grapheme' });
    fc.assert(
      fc.property(wellFormed, wellFormed, (key, value) => {
        fc.pre(key !== '');
        const parsed = parseQueryString(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
        expect(parsed[key]).toBe(value);
        expect(malformedParameters(parsed)).toEqual([]);
      }),
    );
  });

  it('cannot be led to write the prototype', () => {
    const parsed = parseQueryString('__proto__=x&constructor=y');
    expect(parsed.__proto__).toBe('x');
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
  });
});
