import { FakeExcel, portFor } from './helpers';

test('listSheets: tab order, the active sheet marked, very hidden sheets left out (one sync)', async () => {
  const fake = new FakeExcel();
  fake.addSheet('说明');
  fake.addSheet('退学');
  fake.addSheet('内部').visibility = 'VeryHidden';
  fake.addSheet('隐藏').visibility = 'Hidden';
  fake.active = fake.sheet('退学');
  fake.resetCounters();
  expect(await portFor(fake).listSheets()).toEqual([
    { name: '说明', active: false },
    { name: '退学', active: true },
    { name: '隐藏', active: false },
  ]);
  expect(fake.syncCount).toBe(1);
});

test('select: activates the sheet and selects the cell (one sync)', async () => {
  const fake = new FakeExcel();
  fake.addSheet('说明');
  fake.addSheet('退学', [['a']]);
  fake.resetCounters();
  await portFor(fake).select('退学', 'c12');
  expect(fake.active!.name).toBe('退学');
  expect(fake.selection).toEqual({ sheet: '退学', address: 'C12' });
  expect(fake.syncCount).toBe(1);
});
