"""The downloadable template of an importer: the header row, one example row, and a notes sheet."""

from __future__ import annotations

from fazhi.core.exports import xlsx_bytes
from fazhi.core.imports.base import Importer


def template_bytes(importer: Importer) -> bytes:
    headers = [c.header for c in importer.columns]
    example = [c.example for c in importer.columns]
    notes = [[c.header, "必填" if c.required else "选填", c.help, c.example] for c in importer.columns]
    general = [
        ["说明", "", "第1行为表头,请勿修改;数据从第2行开始,每行一条。导入前请删除示例行。", ""],
        ["说明", "", "身份证号码、证件编号等长数字请将单元格设为“文本”格式,以免Excel改写。", ""],
        ["说明", "", "日期可填写 2026-01-31、2026/1/31 或 2026年1月31日,也可使用Excel日期。", ""],
        ["说明", "", "也可另存为CSV(UTF-8或GBK编码)上传。文件中任一行有错误时,整个文件都不会导入。", ""],
    ] + [["说明", "", line, ""] for line in importer.notes]
    return xlsx_bytes(
        headers=headers,
        rows=[example],
        sheet_title=importer.title,
        extra_sheets=[("填写说明", ["列名", "是否必填", "填写要求", "示例"], notes + general)],
    )
