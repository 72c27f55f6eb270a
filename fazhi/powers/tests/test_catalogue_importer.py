"""Excel import of service items: a good file lands with its history and record; any bad row → per-row Chinese
errors and nothing changed."""

from fazhi.core.enums import ImportStatus
from fazhi.core.errors import PermissionDenied
from fazhi.core.imports import services as imports
from fazhi.core.tests.files import xlsx_upload
from fazhi.powers.enums import PowerCategory, PowerItemStatus, ServiceItemEventKind, ServiceItemKind
from fazhi.powers.models import PowerItem, ServiceItem, ServiceItemEvent
from fazhi.records.enums import Action
from fazhi.records.models import Entry

HEADERS = ["事项编码", "事项名称", "事项类型", "实施部门", "对应权力事项编码", "进驻政务服务中心", "办理条件", "申请材料",
           "法定时限(工作日)", "承诺时限(工作日)", "收费", "办理地点", "可网上受理", "设立日期", "设立文号"]


def row(code, name, department, *, kind="审批事项", power="", statutory=20, committed=10, online="是"):
    return [code, name, kind, department, power, "是", "具有经营场所", "申请书", statutory, committed, "不收费",
            "市民服务中心", online, "2017-03-01", "赛政发〔2017〕12号"]


def run(user, rows):
    job = imports.import_job_create(by=user, importer_key="service_items", upload=xlsx_upload(HEADERS, rows))
    if job.status == ImportStatus.VALID:
        job = imports.import_job_confirm(by=user, job=job)
    return job


def errors_of(job):
    return {(e["row"], e["column"]): e["message"] for e in job.errors}


def counts():
    return ServiceItem.objects.count(), ServiceItemEvent.objects.count(), Entry.objects.count()


def test_a_good_file_is_imported_with_history_and_record(district):
    power = PowerItem.objects.create(code="XK-001", name="食品经营许可", category=PowerCategory.LICENSING,
                                     status=PowerItemStatus.PUBLISHED)
    power.departments.set([district.org_a])
    job = run(district.legal, [
        row("S-1", "食品经营许可证核发", district.org_a.name, power="XK-001"),
        row("S-2", "个体工商户设立登记", district.org_a.name, kind="公共服务事项", online="否"),
        row("S-3", "城市建筑垃圾处置核准", district.org_b.name, statutory=20, committed=20),
    ])
    assert job.status == ImportStatus.COMMITTED, job.errors or job.message
    assert job.result == {"审批事项": 2, "公共服务事项": 1}
    first = ServiceItem.objects.get(code="S-1")
    assert (first.kind, first.power_item, first.online, first.committed_limit_days) == (
        ServiceItemKind.APPROVAL, power, True, 10)
    assert first.events.get().kind == ServiceItemEventKind.CREATED
    assert first.events.get().document_number == "赛政发〔2017〕12号"
    assert Entry.objects.filter(action=Action.SERVICE_ITEM_CREATED).count() == 3


def test_bad_rows_get_chinese_errors_per_row_and_nothing_changes(district):
    PowerItem.objects.create(code="XK-B", name="某许可", category=PowerCategory.LICENSING).departments.set(
        [district.org_b])
    run(district.legal, [row("EXIST", "已有事项", district.org_a.name)])
    before = counts()
    job = run(district.legal, [
        row("S-1", "好的一行", district.org_a.name),
        row("S-2", "部门不存在", "赛罕区不存在局"),
        row("S-3", "时限倒挂", district.org_a.name, statutory=10, committed=15),
        row("EXIST", "编码已用", district.org_a.name),
        row("S-1", "本文件重复", district.org_a.name),
        row("S-6", "类型不对", district.org_a.name, kind="便民事项"),
        row("S-7", "权力事项不属本部门", district.org_a.name, power="XK-B"),
    ])
    assert job.status == ImportStatus.INVALID
    errors = errors_of(job)
    assert errors[(3, "实施部门")] == "单位“赛罕区不存在局”不存在"
    assert "不得长于法定时限" in errors[(4, "承诺时限(工作日)")]
    assert errors[(5, "事项编码")] == "事项编码“EXIST”已被使用"
    assert errors[(6, "事项编码")] == "与第2行事项编码重复"
    assert "不是有效选项" in errors[(7, "事项类型")]
    assert "不属于" in errors[(8, "对应权力事项编码")]
    assert (2, "事项编码") not in errors
    assert counts() == before


def test_body_admin_imports_only_its_own_department(district):
    job = run(district.admin_a, [row("S-1", "本单位事项", district.org_a.name),
                                 row("S-2", "别人的事项", district.org_b.name)])
    assert job.status == ImportStatus.INVALID
    assert errors_of(job)[(3, "实施部门")] == f"无权登记“{district.org_b.name}”的政务服务事项"
    assert not ServiceItem.objects.exists()


def test_officer_may_not_import(district):
    try:
        run(district.officer_a, [row("S-1", "事项", district.org_a.name)])
    except PermissionDenied:
        pass
    else:
        raise AssertionError("an officer imported service items")
    assert not ServiceItem.objects.exists()
