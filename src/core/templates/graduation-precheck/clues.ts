/**
 * What names the pre-check roster outside its header (issue 9's clues): a title such as 2023年7月毕业资格预审 or
 * 毕业申请名单, the platform page it was exported from (学生照片管理), or a sheet named so. The export's own sheets
 * carry the title 毕业资格预审 and read back as this template (never as a withdrawal roster with a 序号 column).
 */
export const PRECHECK_TITLE = /毕业资格预审|毕业(申请|预审|初审)(名单|学生)|学生照片管理|毕业照片(状态|管理|查询)/;
export const PRECHECK_SHEET_NAME = /预审|毕业申请|照片管理/;
