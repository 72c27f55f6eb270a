"""Procedures as state machines declared in one place (DESIGN.md mechanism 4).

A procedure's `workflow.py` declares its transitions:

    certificate_workflow = Workflow(
        field="status", subject_type="personnel.Certificate", subject_label_zh="证件",
        ledger=lambda cert: ledger_for_organisation(cert.officer.organisation), append=records.append,
        transitions=[
            Transition("revoke", source={"valid", "suspended"}, target="revoked", label_zh="吊销",
                       roles={"legal_office", "system_admin"}, guards=[reason_given],
                       record_action=Action.CERTIFICATE_REVOKED, effect=stamp_reason),
        ],
    )

and its services call `certificate_workflow.transition(cert, "revoke", by=user, payload={"reason": ...})`.

`transition` locks the row, then checks, in this order, and stops at the first failure with a DomainError
carrying the reason in Chinese and the rule id:
  1. the current state is one of the transition's sources      (code "invalid_source")
  2. the user holds one of its roles (or is a superuser)        (code "role_forbidden")
  3. every guard passes                                         (code "transition_blocked", or the guard's own)
A refused transition changes nothing. A passed one runs the transition's `effect` (other fields the step sets),
sets the state field, saves, and appends ONE record entry — action = the transition's record_action, payload =
{"from", "to"} plus the caller's payload — in the same transaction.

The engine does not import the record (records sits above core in the layers): each Workflow is given its
`append` callable (fazhi.records.services.append) and a `ledger(obj) -> (key, name)` function.

Guards are named after the rule they enforce (`two_certified_officers`, `legal_review_passed`) and return None
or Blocked(reason_zh, rule_id). A guard that judges what the user submits (a reason, an amount) is declared with
`checks_input=True`: `available()` — which decides the buttons a screen shows — skips it, since the input is not
there yet; `transition()` always runs it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from django.db import transaction

from fazhi.core.errors import DomainError

INVALID_SOURCE = "invalid_source"
ROLE_FORBIDDEN = "role_forbidden"
TRANSITION_BLOCKED = "transition_blocked"


@dataclass(frozen=True)
class Blocked:
    """Why a guard refuses: a Chinese reason and the rule id behind it. `code`/`field` may name the error more
    precisely for forms and API clients (e.g. "reason_required" on field "reason")."""

    reason_zh: str
    rule_id: str | None = None
    code: str | None = None
    field: str | None = None


@dataclass(frozen=True)
class Context:
    """What a guard may look at besides the object: who acts, what they submitted, which transition."""

    by: Any
    payload: Mapping[str, Any]
    transition: Transition


@dataclass(frozen=True)
class Guard:
    name: str
    check: Callable[[Any, Context], Blocked | None]
    checks_input: bool = False

    def __call__(self, obj, ctx: Context) -> Blocked | None:
        return self.check(obj, ctx)


def guard(name: str, *, checks_input: bool = False) -> Callable[[Callable], Guard]:
    """Decorator: `@guard("officer_active")` turns `def f(obj, ctx) -> Blocked | None` into a named Guard."""

    def wrap(check: Callable[[Any, Context], Blocked | None]) -> Guard:
        return Guard(name=name, check=check, checks_input=checks_input)

    return wrap


@dataclass(frozen=True)
class Transition:
    name: str
    source: frozenset[str] | set[str]
    target: str
    label_zh: str
    roles: frozenset[str] | set[str] | None = None  # None: any user the route lets in
    guards: tuple[Guard, ...] | list[Guard] = ()
    record_action: str = ""
    effect: Callable[[Any, Mapping[str, Any]], None] | None = None  # sets the step's other fields

    def __post_init__(self):
        object.__setattr__(self, "source", frozenset(str(s) for s in self.source))
        object.__setattr__(self, "target", str(self.target))
        if self.roles is not None:
            object.__setattr__(self, "roles", frozenset(str(r) for r in self.roles))
        object.__setattr__(self, "guards", tuple(self.guards))
        if not self.record_action:
            raise ValueError(f"transition {self.name!r} needs a record_action: every transition is recorded")


@dataclass(frozen=True)
class Option:
    """A transition offered from the object's current state, with why it is blocked (None when it is not)."""

    transition: Transition
    blocked: Blocked | None

    @property
    def name(self) -> str:
        return self.transition.name

    @property
    def label_zh(self) -> str:
        return self.transition.label_zh

    @property
    def allowed(self) -> bool:
        return self.blocked is None


def _role_allows(roles: frozenset[str] | None, user) -> bool:
    if roles is None:
        return True
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(getattr(user, "is_superuser", False)) or str(getattr(user, "role", "")) in roles


@dataclass
class Workflow:
    transitions: Iterable[Transition]
    ledger: Callable[[Any], tuple[str, str]]
    append: Callable[..., Any]
    subject_type: str
    field: str = "status"
    subject_label_zh: str = ""  # "证件" reads "证件当前状态为…"
    # A procedure whose API already published other codes maps the engine's codes to them.
    error_codes: Mapping[str, str] = dc_field(default_factory=dict)
    _by_name: dict[str, Transition] = dc_field(init=False, repr=False)

    def __post_init__(self):
        self.transitions = tuple(self.transitions)
        self._by_name = {}
        for t in self.transitions:
            if t.name in self._by_name:
                raise ValueError(f"duplicate transition {t.name!r}")
            self._by_name[t.name] = t

    # --- reading --------------------------------------------------------------------------------------------

    def get(self, name: str) -> Transition:
        try:
            return self._by_name[name]
        except KeyError:
            raise DomainError("unknown_transition", f"未知的操作:{name}") from None

    def state_of(self, obj) -> str:
        return str(getattr(obj, self.field))

    def states(self) -> set[str]:
        return {s for t in self.transitions for s in t.source} | {t.target for t in self.transitions}

    def available(self, obj, user=None) -> list[Option]:
        """The transitions from the object's current state, in declaration order, each with the reason it is
        blocked (role, or a guard that does not judge input) or None. `user=None` leaves roles unjudged (the
        caller has decided who may see the buttons)."""
        state = self.state_of(obj)
        options = []
        for t in self.transitions:
            if state not in t.source:
                continue
            blocked = None
            if user is not None and not _role_allows(t.roles, user):
                blocked = self._role_blocked(t)
            if blocked is None:
                ctx = Context(by=user, payload={}, transition=t)
                blocked = next((b for g in t.guards if not g.checks_input and (b := g(obj, ctx))), None)
            options.append(Option(transition=t, blocked=blocked))
        return options

    def check(self, obj, name: str, *, by, payload: Mapping[str, Any] | None = None) -> Transition:
        """Raise the DomainError `transition` would raise, without changing anything; return the transition."""
        t = self.get(name)
        state = self.state_of(obj)
        if state not in t.source:
            raise DomainError(self._code(INVALID_SOURCE), self._invalid_source_message(obj, t), field=self.field)
        if not _role_allows(t.roles, by):
            blocked = self._role_blocked(t)
            raise DomainError(self._code(ROLE_FORBIDDEN), blocked.reason_zh)
        ctx = Context(by=by, payload=payload or {}, transition=t)
        for g in t.guards:
            blocked = g(obj, ctx)
            if blocked is not None:
                raise DomainError(blocked.code or self._code(TRANSITION_BLOCKED), blocked.reason_zh,
                                  field=blocked.field, rule=blocked.rule_id)
        return t

    # --- writing --------------------------------------------------------------------------------------------

    @transaction.atomic
    def transition(self, obj, name: str, *, by, payload: Mapping[str, Any] | None = None):
        """Take transition `name` (see the module docstring). Returns the object as saved (a fresh, locked copy
        when it has a primary key, so a concurrent change cannot slip between check and save)."""
        payload = dict(payload or {})
        if obj.pk is not None:
            obj = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        t = self.check(obj, name, by=by, payload=payload)
        before = self.state_of(obj)
        if t.effect is not None:
            t.effect(obj, payload)
        setattr(obj, self.field, t.target)
        obj.save()
        key, ledger_name = self.ledger(obj)
        self.append(ledger_key=key, ledger_name=ledger_name, actor=by, action=t.record_action,
                    subject_type=self.subject_type, subject_id=str(obj.public_id),
                    payload={**payload, "from": before, "to": t.target})
        return obj

    # --- messages -------------------------------------------------------------------------------------------

    def _code(self, code: str) -> str:
        return self.error_codes.get(code, code)

    def _state_label(self, obj) -> str:
        display = getattr(obj, f"get_{self.field}_display", None)
        return str(display()) if callable(display) else self.state_of(obj)

    def _invalid_source_message(self, obj, t: Transition) -> str:
        return f"{self.subject_label_zh}当前状态为“{self._state_label(obj)}”,不能{t.label_zh}"

    def _role_blocked(self, t: Transition) -> Blocked:
        return Blocked(f"无权{t.label_zh}{self.subject_label_zh}", code=self._code(ROLE_FORBIDDEN))
