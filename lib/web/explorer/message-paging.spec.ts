import { messagePage } from './message-paging';

describe('messagePage', () => {
  const marks = { low: '3', high: '60' }; // 57 messages: pages of 25, 25, 7

  it('shows the newest messages first: page 1 ends at the high watermark', () => {
    expect(messagePage(marks, 25)).toEqual({ page: 1, pages: 3, total: 57, from: '35', to: '60' });
    expect(messagePage(marks, 25, { page: 2 })).toMatchObject({ from: '10', to: '35' });
    expect(messagePage(marks, 25, { page: 3 })).toMatchObject({ from: '3', to: '10' });
  });

  it('clamps a page past either end', () => {
    expect(messagePage(marks, 25, { page: 9 })).toMatchObject({ page: 3, from: '3', to: '10' });
    expect(messagePage(marks, 25, { page: 0 })).toMatchObject({ page: 1, from: '35' });
  });

  it('jumps to the page holding an offset, on the same grid as paging', () => {
    expect(messagePage(marks, 25, { offset: '59' })).toMatchObject({ page: 1, from: '35', to: '60' });
    expect(messagePage(marks, 25, { offset: '35' })).toMatchObject({ page: 1 });
    expect(messagePage(marks, 25, { offset: '34' })).toMatchObject({ page: 2, from: '10', to: '35' });
    expect(messagePage(marks, 25, { offset: '3' })).toMatchObject({ page: 3 });
  });

  it('clamps an offset below the low or past the high watermark', () => {
    expect(messagePage(marks, 25, { offset: '0' })).toMatchObject({ page: 3 });
    expect(messagePage(marks, 25, { offset: '1000' })).toMatchObject({ page: 1 });
  });

  it('an empty partition is one empty page', () => {
    expect(messagePage({ low: '7', high: '7' }, 25, { offset: '3' })).toEqual({
      page: 1,
      pages: 1,
      total: 0,
      from: '7',
      to: '7',
    });
  });

  it('keeps 64-bit offsets exact', () => {
    expect(messagePage({ low: '9007199254740990', high: '9007199254741000' }, 4)).toMatchObject({
      from: '9007199254740996',
      to: '9007199254741000',
      pages: 3,
    });
  });
});
