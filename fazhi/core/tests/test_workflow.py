"""The workflow engine on a toy procedure: a permit application (draft → submitted → approved / rejected).

The toy object is not a database row (core knows no domain models), so these tests pin the engine's decisions;
fazhi/personnel/tests/test_workflow.py shows the same engine on real rows inside real transactions."""

import uuid

import pytest

from fazhi.core.errors import DomainError
from fazhi.core.workflow import Blocked, Transition, Workflow, guard


class Application:
    """Just enough of a model: a state field with its display, save(), pk and public_id."""

    LABELS = {"draft": "草稿", "submitted": "已提交", "approved": "已批准", "rejected": "已驳回"}

    def __init__(self, status="draft", fee_paid=True):
        self.pk = None
        self.public_id = uuid.uuid4()
        self.status = status
        self.fee_paid = fee_paid
        self.decided_note = ""
        self.saves = 0

    def get_status_display(self):
        return self.LABELS[self.status]

    def save(self):
        self.saves += 1


class User:
    is_authenticated = True

    def __init__(self, role, is_superuser=False):
        self.role, self.is_superuser, self.username = role, is_superuser, role


@guard("fee_paid")
def fee_paid(app, ctx):
    return None if app.fee_paid else Blocked("申请费未缴纳,不能提交", rule_id="TOY-12")


@guard("amount_within_limit", checks_input=True)
def amount_within_limit(app, ctx):
    if ctx.payload.get("amount", 0) > 1000:
        return Blocked("批准金额超过限额", rule_id="TOY-30", code="amount_too_high", field="amount")
    return None


def note(app, payload):
    app.decided_note = payload.get("note", "")


@pytest.fixture
def recorded():
    return []


@pytest.fixture
def wf(recorded):
    def append(**kwargs):
        recorded.append(kwargs)

    return Workflow(
        field="status", subject_type="toy.Application", subject_label_zh="申请", append=append,
        ledger=lambda app: ("toy-ledger", "示例台账"),
        transitions=[
            Transition("submit", source={"draft"}, target="submitted", label_zh="提交", guards=[fee_paid],
                       record_action="application.submitted"),
            Transition("approve", source={"submitted"}, target="approved", label_zh="批准", roles={"head"},
                       guards=[amount_within_limit], record_action="application.approved", effect=note),
            Transition("reject", source={"submitted"}, target="rejected", label_zh="驳回", roles={"head", "clerk"},
                       record_action="application.rejected", effect=note),
        ],
    )


HEAD, CLERK = User("head"), User("clerk")
pytestmark = pytest.mark.django_db  # transition() opens a transaction


def assert_unchanged(app, status, recorded):
    assert app.status == status and app.saves == 0 and app.decided_note == "" and recorded == []


def test_a_transition_sets_the_state_saves_and_records_one_entry(wf, recorded):
    app = Application("submitted")
    result = wf.transition(app, "approve", by=HEAD, payload={"amount": 800, "note": "同意"})
    assert result is app and app.status == "approved" and app.saves == 1
    assert app.decided_note == "同意"  # the transition's effect ran
    assert recorded == [{
        "ledger_key": "toy-ledger", "ledger_name": "示例台账", "actor": HEAD, "action": "application.approved",
        "subject_type": "toy.Application", "subject_id": str(app.public_id),
        "payload": {"amount": 800, "note": "同意", "from": "submitted", "to": "approved"},
    }]


def test_each_transition_records_its_own_entry(wf, recorded):
    app = Application()
    wf.transition(app, "submit", by=CLERK)
    wf.transition(app, "reject", by=CLERK, payload={"note": "材料不全"})
    assert [e["action"] for e in recorded] == ["application.submitted", "application.rejected"]
    assert [(e["payload"]["from"], e["payload"]["to"]) for e in recorded] == [
        ("draft", "submitted"), ("submitted", "rejected")]


def test_invalid_source_is_refused_and_changes_nothing(wf, recorded):
    app = Application("draft")
    with pytest.raises(DomainError) as err:
        wf.transition(app, "approve", by=HEAD, payload={"note": "x"})
    assert err.value.code == "invalid_source" and err.value.field == "status"
    assert err.value.message == "申请当前状态为“草稿”,不能批准"
    assert_unchanged(app, "draft", recorded)


def test_a_role_not_named_by_the_transition_is_refused(wf, recorded):
    app = Application("submitted")
    with pytest.raises(DomainError) as err:
        wf.transition(app, "approve", by=CLERK, payload={"note": "x"})
    assert err.value.code == "role_forbidden" and "无权批准" in err.value.message
    assert_unchanged(app, "submitted", recorded)
    with pytest.raises(DomainError, match="无权批准"):
        wf.transition(app, "approve", by=None)  # no actor at all
    wf.transition(app, "approve", by=User("clerk", is_superuser=True))  # a superuser holds every role
    assert app.status == "approved"


def test_a_guard_blocks_with_its_reason_and_rule_id(wf, recorded):
    app = Application(fee_paid=False)
    with pytest.raises(DomainError) as err:
        wf.transition(app, "submit", by=CLERK)
    assert err.value.code == "transition_blocked" and err.value.rule == "TOY-12"
    assert err.value.display == "申请费未缴纳,不能提交(TOY-12)"
    assert_unchanged(app, "draft", recorded)


def test_a_guard_may_name_its_own_code_and_field(wf, recorded):
    app = Application("submitted")
    with pytest.raises(DomainError) as err:
        wf.transition(app, "approve", by=HEAD, payload={"amount": 5000, "note": "同意"})
    assert (err.value.code, err.value.field, err.value.rule) == ("amount_too_high", "amount", "TOY-30")
    assert_unchanged(app, "submitted", recorded)


def test_checks_run_in_order_source_then_role_then_guards(wf, recorded):
    # wrong state AND wrong role AND failing guard: the state is reported first
    with pytest.raises(DomainError, match="不能批准") as err:
        wf.transition(Application("draft", fee_paid=False), "approve", by=CLERK, payload={"amount": 5000})
    assert err.value.code == "invalid_source"
    # right state, wrong role, failing guard: the role
    with pytest.raises(DomainError) as err:
        wf.transition(Application("submitted"), "approve", by=CLERK, payload={"amount": 5000})
    assert err.value.code == "role_forbidden"


def test_available_lists_the_options_from_the_current_state_with_their_blocking_reasons(wf):
    submitted = Application("submitted")
    options = {o.name: o for o in wf.available(submitted, CLERK)}
    assert list(options) == ["approve", "reject"]  # declaration order, only transitions from "submitted"
    assert not options["approve"].allowed and options["approve"].blocked.code == "role_forbidden"
    assert options["reject"].allowed and options["reject"].label_zh == "驳回"
    # a guard that judges input is not run before there is input: the head sees approve as possible
    assert all(o.allowed for o in wf.available(submitted, HEAD))
    unpaid = wf.available(Application(fee_paid=False), CLERK)
    assert [(o.name, o.blocked.reason_zh, o.blocked.rule_id) for o in unpaid] == [
        ("submit", "申请费未缴纳,不能提交", "TOY-12")]
    assert wf.available(Application("approved"), HEAD) == []  # a final state offers nothing
    # without a user, roles are left to the caller
    assert [o.allowed for o in wf.available(submitted)] == [True, True]


def test_check_raises_what_transition_would_without_changing_anything(wf, recorded):
    app = Application("submitted")
    assert wf.check(app, "reject", by=CLERK).target == "rejected"
    with pytest.raises(DomainError) as err:
        wf.check(app, "approve", by=CLERK)
    assert err.value.code == "role_forbidden"
    assert_unchanged(app, "submitted", recorded)


def test_unknown_transition_is_a_domain_error(wf):
    with pytest.raises(DomainError) as err:
        wf.transition(Application(), "publish", by=HEAD)
    assert err.value.code == "unknown_transition"


def test_error_codes_can_be_mapped_for_published_apis(recorded):
    wf = Workflow(field="status", subject_type="toy.Application", append=lambda **kw: recorded.append(kw),
                  ledger=lambda app: ("k", "n"), error_codes={"invalid_source": "invalid_transition"},
                  transitions=[Transition("submit", source={"draft"}, target="submitted", label_zh="提交",
                                          record_action="application.submitted")])
    with pytest.raises(DomainError) as err:
        wf.transition(Application("approved"), "submit", by=CLERK)
    assert err.value.code == "invalid_transition"


def test_declarations_are_checked():
    with pytest.raises(ValueError, match="record_action"):
        Transition("submit", source={"draft"}, target="submitted", label_zh="提交")
    t = Transition("submit", source={"draft"}, target="submitted", label_zh="提交", record_action="a")
    with pytest.raises(ValueError, match="duplicate"):
        Workflow(transitions=[t, t], ledger=lambda o: ("k", "n"), append=lambda **kw: None, subject_type="x")
    wf = Workflow(transitions=[t], ledger=lambda o: ("k", "n"), append=lambda **kw: None, subject_type="x")
    assert wf.states() == {"draft", "submitted"}
