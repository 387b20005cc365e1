/** The bundled example workbooks (fake students), served beside the page from dist/examples/. */
export const EXAMPLES: readonly { file: string; title: string }[] = [
  { file: '学信网退学汇总名单-示例.xlsx', title: '学信网退学汇总名单' },
  { file: '免考信息表-示例.xlsx', title: '免考信息表' },
  { file: '新生基本信息修改情况统计表-示例.xlsx', title: '新生基本信息修改情况统计表' },
  { file: '在籍生基本信息修改情况统计表-示例.xlsx', title: '在籍生基本信息修改情况统计表' },
  { file: '毕业生基本信息修改情况统计表-示例.xlsx', title: '毕业生基本信息修改情况统计表' },
];

/** Fetch an example from our own origin (relative URL: works under any deployment path). */
export async function fetchExample(file: string): Promise<Uint8Array> {
  const res = await fetch(`examples/${encodeURIComponent(file)}`);
  if (!res.ok) throw new Error(`示例文件“${file}”加载失败（${res.status}）`);
  return new Uint8Array(await res.arrayBuffer());
}
