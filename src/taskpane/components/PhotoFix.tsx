/**
 * 修正照片 in 附件检查 (issue 11 item 3): what `xueji photos --fix` does, in the browser, with the photos the user
 * picked — the same matching (planPhotoFixes), the same copies (fixPhoto on the same libraries), the same report and
 * zips; the result is downloaded as 毕业照片.zip (-2, -3 … when over 40 MB). The picked files are only read.
 *
 * The image work (photo-fix-run.ts, with libjpeg-turbo and MozJPEG as WebAssembly, pica, fast-png) is loaded with a
 * dynamic import when a run starts, and so are the image readers and the zip writer that 附件检查 loads on demand
 * (issue 10: jpeg-js and jszip are not in the pane's first load); this small component stays in the pane (a lazily
 * loaded component would share React and Fluent with the pane, and the pane's bundle would grow by what webpack can
 * then no longer inline).
 * Photos are fixed one at a time on this thread, the progress shown between them.
 */
import { useEffect, useRef, useState } from 'react';
import { Caption1, makeStyles, mergeClasses, ProgressBar, Text, tokens } from '@fluentui/react-components';
import type { FileIssue } from '../../core/types';
import type { Profile } from '../../core/profile/schema';
import { describeFix, photoFixReport, planPhotoFixes, type PhotoRoster } from '../../core/evidence';
import type { FolderListing, InspectedFile } from '../../core/evidence/types';
import { formatLimit } from '../../core/evidence/report';
import type { PhotoFixRecord } from '../../core/types';
import type { PhotoCodecs } from '../../files/photo-fix';
import type { ZipMember } from '../../files/photo-zip';
import { FileIssueList, useFileListStyles } from './FileIssueList';

/** The zip of the copies (the command line writes the same name into its -o folder). */
export const FIX_ZIP_NAME = '毕业照片.zip';

export interface PhotoFixProps {
  profile: Profile;
  /** The roster sheet's name (the report's `file`). */
  sheet: string;
  roster: PhotoRoster;
  /** The picked files as the checks see them (AttachmentCheck's pickedListing). */
  folder: string;
  picked: readonly { path: string; file: File }[];
  directories: readonly string[];
  read: (blob: Blob) => Promise<Uint8Array>;
  save: (fileName: string, data: Uint8Array) => Promise<void>;
  onSelect: (i: FileIssue) => void;
  /** The libraries (tests hand in the Node ones); by default the browser's, fetched on first use. */
  loadCodecs?: () => Promise<PhotoCodecs>;
}

/** A module loaded on demand; a failed load (network gone, server stopped) says so in Chinese. */
function loaded<T>(module: Promise<T>): Promise<T> {
  return module.catch((e: unknown) => {
    throw new Error('无法加载照片处理组件（网络中断或服务器不可用），请稍后重试', { cause: e });
  });
}

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  meta: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  alert: { color: tokens.colorPaletteRedForeground1, overflowWrap: 'anywhere' },
});

interface Outcome {
  fixes: PhotoFixRecord[];
  issues: FileIssue[];
  zips: { name: string; photos: number }[];
}

export function PhotoFix(props: PhotoFixProps) {
  const s = useStyles();
  const l = useFileListStyles();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const started = useRef(false);
  // Set when the section goes away (another run, another sheet): a run that is left stops and saves nothing.
  const gone = useRef(false);

  useEffect(() => {
    gone.current = false;
    if (!started.current) {
      started.current = true;
      void run();
    }
    return () => {
      gone.current = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function run(): Promise<void> {
    const { profile, roster, picked } = props;
    try {
      const fileOf = new Map(picked.map((p) => [p.path, p.file]));
      const { sniffContentType } = await loaded(import(/* webpackChunkName: "attachments" */ '../../files/images'));
      const listing: FolderListing = { files: [], directories: [...props.directories] };
      for (const p of picked) {
        const head = await props.read(p.file.slice(0, 32));
        const f: InspectedFile = { path: p.path, size: p.file.size, type: sniffContentType(head), width: null, height: null, damaged: false };
        listing.files.push(f);
      }
      const plan = planPhotoFixes({ file: props.sheet, folder: props.folder }, roster, listing, profile);
      setProgress({ done: 0, total: plan.jobs.length });
      const { fixPhotos } = await loaded(import('../photo-fix-run'));
      const batch = await fixPhotos(
        plan.jobs.map((job) => ({ output: job.output, read: () => props.read(fileOf.get(job.source.path)!) })),
        profile.photos,
        { onProgress: (done) => setProgress({ done, total: plan.jobs.length }), stop: () => gone.current, loadCodecs: props.loadCodecs },
      );
      if (!batch) return;
      const { results } = batch;
      const copies: ZipMember[] = batch.copies.map((c) => ({ name: c.name, size: c.bytes.length, read: async () => c.bytes }));
      const { report, fixes } = photoFixReport(plan, results);
      const zips: Outcome['zips'] = [];
      if (copies.length) {
        const { buildZipParts, zipPartNames } = await loaded(import(/* webpackChunkName: "attachments" */ '../../files/photo-zip'));
        const parts = await buildZipParts(copies, profile.photos.zipMaxBytes);
        const names = zipPartNames(FIX_ZIP_NAME, parts.length);
        for (let i = 0; i < parts.length; i++) {
          await props.save(names[i]!, parts[i]!.bytes);
          zips.push({ name: names[i]!, photos: parts[i]!.names.length });
        }
      }
      setOutcome({ fixes, issues: report.files.flatMap((f) => f.issues), zips });
    } catch (e) {
      setFailure(`修正照片失败：${e instanceof Error ? e.message : String(e)}`);
    }
  }

  const p = props.profile.photos;
  return (
    <div className={s.box} aria-label="修正照片" role="region">
      {progress && !outcome && !failure ? (
        <>
          <Text role="status">
            正在修正照片 {progress.done}/{progress.total}…
          </Text>
          <ProgressBar value={progress.total ? progress.done / progress.total : 0} />
        </>
      ) : null}
      {failure ? (
        <Text className={s.alert} role="alert">
          {failure}
        </Text>
      ) : null}
      {outcome ? (
        <>
          <Text role="status" data-testid="photo-fix-summary">
            已生成合格照片 {outcome.fixes.length} 张（{p.width}×{p.height}，JPG，≤ {formatLimit(p.maxBytes)}，不含元数据）
            {outcome.zips.length
              ? `，已下载${outcome.zips.map((z) => `“${z.name}”（${z.photos} 张）`).join('、')}${outcome.zips.length > 1 ? '，请逐个上传' : ''}`
              : ''}
            。原照片没有改动。
          </Text>
          {outcome.issues.length ? (
            <FileIssueList issues={outcome.issues} label="无法修正的照片" errorPrefix="（无法修正）" onSelect={props.onSelect} />
          ) : null}
          {outcome.fixes.length ? (
            <ul className={l.list} aria-label="已修正的照片">
              {outcome.fixes.map((f) => (
                <li key={f.output} className={mergeClasses(l.item, l.done)} data-output={f.output}>
                  <span>{f.cell}</span>
                  <Caption1>
                    {f.output} ← {f.source}：{describeFix(f)}
                  </Caption1>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
