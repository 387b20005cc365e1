import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import * as fs from 'node:fs';
import * as crypto from 'node:crypto';
import { loadWorkbook, readSheetsStreaming, sniffInput } from '../../src/files/node-io';
import { expectInputError, makeTempDir } from './helpers';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Every way in: sniffing alone and both readers (which sniff first). */
async function expectAllRefuse(file: string, code: Parameters<typeof expectInputError>[1]): Promise<void> {
  await expectInputError(sniffInput(file), code, file);
  await expectInputError(readSheetsStreaming(file), code, file);
  await expectInputError(loadWorkbook(file), code, file);
}

/**
 * A minimal but well-formed compound file (512-byte sectors): sector 0 is the FAT, the directory sits in sector
 * `dirSector` (far beyond the first 4 KB when large), holding a root entry and the given stream names.
 */
function compoundFile(streamNames: string[], dirSector: number): Buffer {
  const sectors = dirSector + 1;
  const buf = Buffer.alloc(512 * (sectors + 1));
  Buffer.from(CFB_MAGIC).copy(buf, 0);
  buf.writeUInt16LE(0x003e, 24); // minor version
  buf.writeUInt16LE(0x0003, 26); // major version 3
  buf.writeUInt16LE(0xfffe, 28); // little endian
  buf.writeUInt16LE(9, 30); // 512-byte sectors
  buf.writeUInt16LE(6, 32); // mini sectors of 64 bytes
  buf.writeUInt32LE(1, 44); // one FAT sector
  buf.writeUInt32LE(dirSector, 48); // first directory sector
  buf.writeUInt32LE(0xfffffffe, 60); // no mini FAT
  buf.writeUInt32LE(0xfffffffe, 68); // no DIFAT sectors
  for (let i = 0; i < 109; i++) buf.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 76 + i * 4);
  const fat = 512; // sector 0
  for (let i = 0; i < 128; i++) buf.writeUInt32LE(0xffffffff, fat + i * 4);
  buf.writeUInt32LE(0xfffffffd, fat); // sector 0 is a FAT sector
  buf.writeUInt32LE(0xfffffffe, fat + dirSector * 4); // the directory is one sector long
  const dir = 512 * (dirSector + 1);
  ['Root Entry', ...streamNames].slice(0, 4).forEach((name, i) => {
    const off = dir + i * 128;
    buf.write(name, off, 'utf16le');
    buf.writeUInt16LE((name.length + 1) * 2, off + 64);
    buf[off + 66] = i === 0 ? 5 : 2;
  });
  return buf;
}

describe('sniffInput and the readers refuse what is not an .xlsx', () => {
  it('a missing path', async () => {
    await expectAllRefuse(tmp.file('不存在的文件.xlsx'), 'not-found');
  });

  it('a directory', async () => {
    const dir = tmp.file('文件夹.xlsx');
    fs.mkdirSync(dir);
    await expectAllRefuse(dir, 'not-a-file');
  });

  it('an old .xls (compound file without encryption streams)', async () => {
    const file = tmp.file('学籍.xls');
    fs.writeFileSync(file, Buffer.concat([Buffer.from(CFB_MAGIC), Buffer.alloc(2048)]));
    const err = await expectInputError(sniffInput(file), 'xls', file);
    expect(err.message).toBe('文件“学籍.xls”是旧版 Excel 97-2003 格式（.xls），请在 Excel 中另存为 .xlsx 后再试');
    await expectAllRefuse(file, 'xls');
  });

  it('a well-formed compound file with a Workbook stream is .xls, and a WPS .et says so', async () => {
    const xls = tmp.file('real.xls');
    fs.writeFileSync(xls, compoundFile(['Workbook', 'SummaryInformation'], 3));
    await expectAllRefuse(xls, 'xls');
    const et = tmp.file('名单.et');
    fs.writeFileSync(et, compoundFile(['Workbook'], 3));
    const err = await expectInputError(sniffInput(et), 'xls', et);
    expect(err.message).toContain('WPS');
  });

  it('a password-protected workbook (fake: compound file magic + "EncryptedPackage" in UTF-16LE)', async () => {
    const file = tmp.file('加密.xlsx');
    const bytes = Buffer.alloc(4096);
    Buffer.from(CFB_MAGIC).copy(bytes, 0);
    bytes.write('EncryptedPackage', 1500, 'utf16le');
    fs.writeFileSync(file, bytes);
    const err = await expectInputError(sniffInput(file), 'encrypted', file);
    expect(err.message).toBe('文件“加密.xlsx”已设置打开密码，请在 Excel 中取消密码后另存再试');
    await expectAllRefuse(file, 'encrypted');
  });

  it('a password-protected workbook whose directory lies beyond the first 4 KB', async () => {
    const file = tmp.file('encrypted-far.xlsx');
    fs.writeFileSync(file, compoundFile(['EncryptionInfo', 'EncryptedPackage'], 20));
    await expectAllRefuse(file, 'encrypted');
  });

  it('a Word document in a compound file', async () => {
    const file = tmp.file('说明.doc');
    fs.writeFileSync(file, compoundFile(['WordDocument'], 3));
    const err = await expectInputError(sniffInput(file), 'not-xlsx', file);
    expect(err.message).toContain('Word');
  });

  it('a .csv, and CSV text saved under an .xlsx name', async () => {
    const csv = tmp.file('名单.csv');
    fs.writeFileSync(csv, '学号,姓名\n2233001200123,刘洋\n');
    await expectAllRefuse(csv, 'csv');
    const renamed = tmp.file('名单.xlsx');
    fs.writeFileSync(renamed, '\ufeff学号,姓名\r\n2233001200123,刘洋\r\n');
    await expectAllRefuse(renamed, 'csv');
    const utf16 = tmp.file('unicode.csv');
    fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('学号\t姓名\r\n', 'utf16le')]));
    await expectAllRefuse(utf16, 'csv');
  });

  it('a web page or Excel 2003 XML saved as .xls', async () => {
    const html = tmp.file('导出.xls');
    fs.writeFileSync(html, '<html><body><table><tr><td>学号</td></tr></table></body></html>');
    const err = await expectInputError(sniffInput(html), 'not-xlsx', html);
    expect(err.message).toContain('HTML');
    const xml = tmp.file('导出2003.xls');
    fs.writeFileSync(
      xml,
      '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>',
    );
    const err2 = await expectInputError(sniffInput(xml), 'not-xlsx', xml);
    expect(err2.message).toContain('2003 XML');
  });

  it('random bytes and an empty file', async () => {
    const file = tmp.file('random.xlsx');
    const bytes = crypto.randomBytes(4096);
    bytes[0] = 0x00; // neither PK nor D0
    fs.writeFileSync(file, bytes);
    await expectAllRefuse(file, 'not-xlsx');
    const empty = tmp.file('empty.xlsx');
    fs.writeFileSync(empty, Buffer.alloc(0));
    await expectAllRefuse(empty, 'not-xlsx');
  });

  it('a truncated .xlsx is corrupt (passes sniffing, fails in both readers)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    for (let i = 0; i < 200; i++) ws.addRow([2233001200000 + i, `学生${i}`]);
    const full = Buffer.from(await wb.xlsx.writeBuffer());
    const file = tmp.file('截断.xlsx');
    fs.writeFileSync(file, full.subarray(0, Math.floor(full.length / 2)));
    await expect(sniffInput(file)).resolves.toBeUndefined();
    const err = await expectInputError(readSheetsStreaming(file), 'corrupt', file);
    expect(err.message).toBe('文件“截断.xlsx”已损坏或不是有效的 .xlsx 文件');
    await expectInputError(loadWorkbook(file), 'corrupt', file);
  });

  it('a zip that is not a workbook: no xl/workbook.xml, a .docx, an .xlsb', async () => {
    const plain = new JSZip();
    plain.file('readme.txt', 'hello');
    const zipFile = tmp.file('压缩包.xlsx');
    fs.writeFileSync(zipFile, await plain.generateAsync({ type: 'nodebuffer' }));
    await expectInputError(readSheetsStreaming(zipFile), 'corrupt', zipFile);
    await expectInputError(loadWorkbook(zipFile), 'corrupt', zipFile);

    const docx = new JSZip();
    docx.file('word/document.xml', '<w:document/>');
    const docxFile = tmp.file('通知.docx');
    fs.writeFileSync(docxFile, await docx.generateAsync({ type: 'nodebuffer' }));
    await expectInputError(readSheetsStreaming(docxFile), 'not-xlsx', docxFile);

    const xlsb = new JSZip();
    xlsb.file('xl/workbook.bin', 'binary');
    const xlsbFile = tmp.file('名单.xlsb');
    fs.writeFileSync(xlsbFile, await xlsb.generateAsync({ type: 'nodebuffer' }));
    await expectInputError(loadWorkbook(xlsbFile), 'unsupported-content', xlsbFile);
  });

  it('accepts a real .xlsx', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').getCell('A1').value = 1;
    const file = tmp.file('ok.xlsx');
    await wb.xlsx.writeFile(file);
    await expect(sniffInput(file)).resolves.toBeUndefined();
  });
});
