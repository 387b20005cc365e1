/**
 * 附件检查: what `xueji files` and `xueji photos` do, with files the user picks (DOMAIN.md §2 T2/T3, §3, §5
 * `evidence.*`/`photo.*`). The rules are the pure core's (src/core/evidence), the inspection is src/files/images.ts
 * and the zips src/files/photo-zip.ts, exactly as the command line wires them; only the listing differs: the files
 * come from `<input type="file">` (or a whole folder), their folders from `webkitRelativePath`.
 *
 * The roster is the sheet of the last 校验: a withdrawal roster → the scans, a correction sheet → the evidence
 * folders; any sheet with a 学号 (or 身份证号) column → the graduation photos, when the user picks that mode.
 * Nothing is written to the sheet. The photo zips are saved through the port's `saveFile` when it has one, else
 * downloaded through an `<a download>`. 修正照片 hands the picked photos to PhotoFix.tsx (`xueji photos --fix`).
 *
 * Nothing of this costs the pane anything until the section is opened (issue 10): the rosters are built when it
 * opens (not on every check), and the image readers and the zip writer (jpeg-js, pngjs, jszip: a good part of the
 * pane's code) load when a check or a zip first needs them.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Caption1,
  makeStyles,
  Radio,
  RadioGroup,
  Text,
  tokens,
} from '@fluentui/react-components';
import { saveBytes as saveFile, ZIP_MIME } from '../download';
import { PhotoFix } from './PhotoFix';
import { FileIssueList } from './FileIssueList';
import type { WorkbookPort } from '../../core/port';
import type { FileIssue, FilesReport, SheetInput } from '../../core/types';
import type { Profile } from '../../core/profile/schema';
import type { SheetAnalysis } from '../../core/engine/check';
import {
  checkEvidenceFiles,
  checkPhotos,
  evidenceRoster,
  isIgnorablePath,
  photoRoster,
  type FolderListing,
  type InspectedFile,
  type PhotoMember,
} from '../../core/evidence';
import type { FileEntry } from '../../files/images';
import type { ZipMember } from '../../files/photo-zip';

/** The image readers, loaded on first use. */
const loadImages = () => import(/* webpackChunkName: "attachments" */ '../../files/images');
/** The zip writer, loaded on first use. */
const loadZips = () => import(/* webpackChunkName: "attachments" */ '../../files/photo-zip');

type Images = Awaited<ReturnType<typeof loadImages>>;

export { type SaveFilePort } from '../download';

/** Saves one photo zip: through the port when it can save bytes, else a browser download. */
export function saveBytes(port: WorkbookPort, fileName: string, data: Uint8Array): Promise<void> {
  return saveFile(port, fileName, data, ZIP_MIME);
}

export type AttachmentMode = 'evidence' | 'photos';

/** The name of the photo zip (the parts after it: -2, -3 …). */
export const PHOTO_ZIP_NAME = '毕业照片.zip';
/** A JPEG whose frame header lies beyond HEAD_BYTES is read whole only up to this size (as the command line). */
const WHOLE_READ_LIMIT = 64 * 1024 * 1024;

export interface AttachmentCheckProps {
  port: WorkbookPort;
  profile: Profile;
  /** The last 校验: the sheet read and its analysis; null before any. */
  checked: { sheet: string; input: SheetInput; analysis: SheetAnalysis } | null;
  disabled?: boolean;
}

/** One picked file: its path relative to the picked folder ('/' separators, NFC) and the File. */
export interface PickedFile {
  path: string;
  file: File;
}

/** The bytes of a Blob (FileReader where Blob.arrayBuffer is missing, as in older browsers and jsdom). */
export function readBlob(blob: Blob): Promise<Uint8Array> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(new Uint8Array(r.result as ArrayBuffer));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsArrayBuffer(blob);
  });
}

/**
 * The picked files as the checks see them: paths from `webkitRelativePath || name`; when every path starts with
 * the same folder (the folder the user picked), that folder is the listing's root and its name the report's
 * folder. System files (Thumbs.db, .DS_Store, ~$…) are left out, as the command line leaves them out.
 */
export function pickedListing(files: readonly File[]): { folder: string; picked: PickedFile[]; directories: string[] } {
  let picked = files.map((file) => ({ path: (file.webkitRelativePath || file.name).replace(/\\/g, '/').normalize('NFC'), file }));
  let folder = '所选文件';
  const firsts = new Set(picked.map((p) => (p.path.includes('/') ? p.path.split('/')[0]! : '')));
  if (picked.length && firsts.size === 1 && !firsts.has('')) {
    folder = [...firsts][0]!;
    picked = picked.map((p) => ({ ...p, path: p.path.slice(folder.length + 1) }));
  }
  picked = picked.filter((p) => p.path && !isIgnorablePath(p.path));
  const dirs = new Set<string>();
  for (const p of picked) {
    const parts = p.path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  return { folder, picked, directories: [...dirs].sort() };
}

async function entryOf(images: Images, p: PickedFile, wholeUpTo: number): Promise<FileEntry> {
  const size = p.file.size;
  const bytes = await readBlob(size <= wholeUpTo ? p.file : p.file.slice(0, Math.min(size, images.HEAD_BYTES)));
  return { path: p.path, size, bytes };
}

/** Evidence files: the header only, the whole file when its JPEG header lies further in (as `xueji files`). */
async function inspectEvidence(images: Images, p: PickedFile): Promise<InspectedFile> {
  let entry = await entryOf(images, p, images.HEAD_BYTES);
  if (images.needsMoreBytes(entry) && p.file.size <= WHOLE_READ_LIMIT) entry = await entryOf(images, p, p.file.size);
  return images.inspectFile(entry);
}


const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  pick: { display: 'flex', flexDirection: 'column', gap: '2px' },
  meta: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  alert: { color: tokens.colorPaletteRedForeground1, overflowWrap: 'anywhere' },
});

interface Outcome {
  mode: AttachmentMode;
  report: FilesReport;
  /** Photos: the photos that pass every rule, in roster order, with their files. */
  members: { member: PhotoMember; file: File }[];
}

export function AttachmentCheck({ port, profile, checked, disabled }: AttachmentCheckProps) {
  const s = useStyles();
  const fileInputId = useId();
  const folderInputId = useId();
  const [files, setFiles] = useState<File[]>([]);
  const [mode, setMode] = useState<AttachmentMode>('evidence');
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  /** 修正照片 runs asked for (0: none shown); each run is a fresh PhotoFix. */
  const [fixRun, setFixRun] = useState(0);

  // A result belongs to the sheet it was checked against: another sheet checked, the result goes.
  const sheet = checked?.sheet ?? null;
  useEffect(() => {
    setOutcome(null);
    setSaved(null);
    setFixRun(0);
  }, [sheet]);

  // Built when the section is open: a live re-check after every edit does not pay for it.
  const rosters = useMemo(() => {
    if (!checked || !open) return { evidence: null, photos: null };
    return {
      evidence: evidenceRoster([checked.input], [checked.analysis]),
      photos: photoRoster([checked.input], profile),
    };
  }, [checked, profile, open]);
  const effective: AttachmentMode | null = mode === 'photos' ? (rosters.photos ? 'photos' : null) : rosters.evidence ? 'evidence' : null;
  const enabled = !!checked && (!!rosters.evidence || !!rosters.photos);

  const pick = (list: FileList | null) => {
    setFiles(list ? Array.from(list) : []);
    setFixRun(0);
    setOutcome(null);
    setFailure(null);
    setSaved(null);
  };

  const run = async () => {
    if (!checked || !effective) return;
    setRunning(true);
    setOutcome(null);
    setFailure(null);
    setSaved(null);
    try {
      const { folder, picked, directories } = pickedListing(files);
      const meta = { file: checked.sheet, folder };
      const listing: FolderListing = { files: [], directories };
      const images = await loadImages();
      if (effective === 'photos') {
        const fileOf = new Map(picked.map((p) => [p.path, p.file]));
        for (const p of picked) listing.files.push(images.inspectPhoto(await entryOf(images, p, profile.photos.decodeMaxBytes), profile));
        const { report, members } = checkPhotos(meta, rosters.photos!, listing, profile);
        setOutcome({ mode: 'photos', report, members: members.map((m) => ({ member: m, file: fileOf.get(m.path)! })) });
      } else {
        for (const p of picked) listing.files.push(await inspectEvidence(images, p));
        setOutcome({ mode: 'evidence', report: checkEvidenceFiles(meta, rosters.evidence!, listing, profile), members: [] });
      }
    } catch (e) {
      setFailure(`附件检查失败：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setRunning(false);
    }
  };

  const download = async () => {
    if (!outcome || !outcome.members.length) return;
    setRunning(true);
    setFailure(null);
    setSaved(null);
    try {
      const zipMembers: ZipMember[] = outcome.members.map(({ member, file }) => ({
        name: member.name,
        size: member.size,
        read: () => readBlob(file),
      }));
      const { buildZipParts, zipPartNames } = await loadZips();
      const parts = await buildZipParts(zipMembers, profile.photos.zipMaxBytes);
      const names = zipPartNames(PHOTO_ZIP_NAME, parts.length);
      for (let i = 0; i < parts.length; i++) await saveBytes(port, names[i]!, parts[i]!.bytes);
      setSaved(
        `已生成压缩包 ${parts.length} 个：` + names.map((n, i) => `“${n}”（${parts[i]!.names.length} 张）`).join('、') + (parts.length > 1 ? '，请逐个上传。' : '。'),
      );
    } catch (e) {
      setFailure(`生成压缩包失败：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setRunning(false);
    }
  };

  const onSelect = (i: FileIssue) => {
    if (!i.cell || !checked) return;
    port.select(i.sheet ?? checked.sheet, i.cell).catch((e: unknown) => setFailure(`无法选中单元格 ${i.cell}：${e instanceof Error ? e.message : String(e)}`));
  };

  const issues = outcome ? outcome.report.files.flatMap((f) => f.issues) : [];
  const seenFiles = outcome ? outcome.report.files.filter((f) => f.exists && f.kind === 'file').length : 0;
  const excluded = outcome?.report.excluded ?? [];

  return (
    <Accordion collapsible onToggle={(_, d) => setOpen(d.openItems.includes('attachments'))}>
      <AccordionItem value="attachments">
        <AccordionHeader>附件检查</AccordionHeader>
        <AccordionPanel>
          <section className={s.panel} aria-label="附件检查">
            {!enabled ? (
              <Caption1 className={s.meta}>
                先“校验”退学汇总名单、信息修改统计表，或含“学号”（“身份证号”）列的毕业生名单，再核对扫描件、证明材料或毕业照片。
              </Caption1>
            ) : (
              <>
                <RadioGroup
                  aria-label="核对内容"
                  value={mode}
                  layout="horizontal"
                  disabled={disabled || running}
                  onChange={(_, d) => {
                    setMode(d.value as AttachmentMode);
                    setOutcome(null);
                    setFixRun(0);
                    setSaved(null);
                  }}
                >
                  <Radio
                    value="evidence"
                    disabled={!rosters.evidence}
                    label={rosters.evidence?.kind === 'correction' ? '证明材料文件夹' : '退学申请表扫描件'}
                  />
                  <Radio value="photos" disabled={!rosters.photos} label="毕业照片" />
                </RadioGroup>
                <div className={s.row}>
                  <div className={s.pick}>
                    <label htmlFor={fileInputId}>选择文件</label>
                    <input id={fileInputId} type="file" multiple disabled={disabled || running} onChange={(e) => pick(e.target.files)} />
                  </div>
                  <div className={s.pick}>
                    <label htmlFor={folderInputId}>选择文件夹</label>
                    <input
                      id={folderInputId}
                      type="file"
                      multiple
                      disabled={disabled || running}
                      // React does not know these attributes; the folder picker of Chromium, Edge, Firefox, Safari.
                      {...({ webkitdirectory: '', directory: '' } as Record<string, string>)}
                      onChange={(e) => pick(e.target.files)}
                    />
                  </div>
                </div>
                <Caption1 className={s.meta}>
                  {files.length ? `已选择 ${files.length} 个文件。` : '尚未选择文件。'}
                  {effective === 'evidence' && rosters.evidence?.kind === 'correction' ? '证明材料是每个学生一个文件夹，请选择存放这些文件夹的文件夹。' : ''}
                </Caption1>
                <div className={s.row}>
                  <Button appearance="primary" disabled={disabled || running || !effective || !files.length} onClick={() => void run()}>
                    检查附件
                  </Button>
                  {outcome?.mode === 'photos' ? (
                    <Button disabled={disabled || running || !outcome.members.length} onClick={() => void download()}>
                      下载照片压缩包
                    </Button>
                  ) : null}
                  {effective === 'photos' ? (
                    <Button disabled={disabled || running || !files.length} onClick={() => setFixRun((n) => n + 1)}>
                      修正照片
                    </Button>
                  ) : null}
                </div>
              </>
            )}
            {failure ? (
              <Text className={s.alert} role="alert">
                {failure}
              </Text>
            ) : null}
            {outcome ? (
              <>
                <Text role="status" data-testid="attachment-summary">
                  核对了文件 {seenFiles} 个：错误 {outcome.report.summary.errors} 个，警告 {outcome.report.summary.warnings} 个
                  {outcome.mode === 'photos' ? `；可打包照片 ${outcome.members.length} 张` : ''}
                </Text>
                {issues.length ? (
                  <FileIssueList issues={issues} label="附件问题列表" errorPrefix="" onSelect={onSelect} />
                ) : (
                  <Text>✓ 未发现问题</Text>
                )}
                {excluded.length ? (
                  <Caption1 className={s.meta}>
                    学籍状态不是“{profile.photos.enrolledStatuses.join('、')}”、不打包的学生 {excluded.length} 名：
                    {excluded.map((x) => `${x.cell}（${x.status}）`).join('、')}
                  </Caption1>
                ) : null}
                {outcome.mode === 'photos' && outcome.report.summary.errors && outcome.members.length ? (
                  <Caption1 className={s.meta}>有错误的照片不会打包：改好后重新选择并检查，再下载压缩包。</Caption1>
                ) : null}
              </>
            ) : null}
            {saved ? <Text role="status">{saved}</Text> : null}
            {fixRun && effective === 'photos' && checked ? (
              <PhotoFix
                key={fixRun}
                profile={profile}
                sheet={checked.sheet}
                roster={rosters.photos!}
                {...pickedListing(files)}
                read={readBlob}
                save={(name, data) => saveBytes(port, name, data)}
                onSelect={onSelect}
              />
            ) : null}
          </section>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
