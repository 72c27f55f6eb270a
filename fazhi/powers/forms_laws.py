"""Forms of the law library screens: Chinese labels and errors; they parse input, the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.personnel.forms import BLANK, FazhiForm, FilterForm, date_field
from fazhi.powers import selectors
from fazhi.powers.enums import LawLevel, LawStatus
from fazhi.powers.services import MAX_LAW_TEXT_CHARS

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class LawFilterForm(FilterForm):
    SORTS = {
        "level": (_("效力层级"), ("level", "title", "pk")),
        "title": (_("名称"), ("title", "version", "pk")),
        "-title": (_("名称(倒序)"), ("-title", "-version", "-pk")),
        "-promulgated_on": (_("公布日期(新→旧)"), ("-promulgated_on", "title", "pk")),
        "promulgated_on": (_("公布日期(旧→新)"), ("promulgated_on", "title", "pk")),
        "-article_count": (_("条文数(多→少)"), ("-article_count", "title", "pk")),
        "article_count": (_("条文数(少→多)"), ("article_count", "title", "pk")),
    }
    DEFAULT_SORT = "level"

    q = forms.CharField(label=_("名称/制定机关/文号"), required=False, max_length=100)
    level = forms.ChoiceField(label=_("效力层级"), required=False, choices=BLANK + LawLevel.choices)
    status = forms.ChoiceField(label=_("时效性"), required=False, choices=BLANK + LawStatus.choices)


class ArticleSearchForm(FilterForm):
    q = forms.CharField(label=_("关键词"), required=False, max_length=100,
                        help_text=_("多个关键词用空格分开,条文须包含全部关键词"))
    law = forms.ChoiceField(label=_("法律法规"), required=False)
    level = forms.ChoiceField(label=_("效力层级"), required=False, choices=BLANK + LawLevel.choices)
    status = forms.ChoiceField(label=_("时效性"), required=False, choices=BLANK + LawStatus.choices)

    def prepare(self, user) -> None:
        self.fields["law"].choices = BLANK + [(str(law.public_id), str(law))
                                              for law in selectors.laws_for_choice(user=user)]

    def query(self) -> str:
        return (self.cleaned_data.get("q") or "").strip()

    def filters(self) -> dict:
        return {k: v for k, v in super().filters().items() if k != "q"}


class LawMetadataForm(FazhiForm):
    """What the administrator confirms or corrects; blank values are taken from the text's history lines."""

    title = forms.CharField(label=_("名称"), max_length=200, required=False,
                            help_text=_("留空则取文本第一行的标题"))
    short_title = forms.CharField(label=_("简称"), max_length=100, required=False)
    level = forms.ChoiceField(label=_("效力层级"), required=False, choices=[("", _("按文本识别"))] + LawLevel.choices)
    issuing_body = forms.CharField(label=_("制定机关"), max_length=200, required=False)
    document_number = forms.CharField(label=_("文号/令号"), max_length=100, required=False)
    promulgated_on = date_field(_("公布日期"), required=False)
    effective_on = date_field(_("施行日期"), required=False)
    status = forms.ChoiceField(label=_("时效性"), choices=LawStatus.choices, initial=LawStatus.IN_FORCE)
    version = forms.CharField(label=_("版本"), max_length=50, required=False, help_text=_("如:2021年修订;留空则按沿革识别"))

    def overrides(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in self.declared_fields and k != "text"
                and v not in (None, "")}


class LawImportForm(LawMetadataForm):
    """Step one: the text, pasted or uploaded (.docx, .txt in UTF-8 or GB18030, .md)."""

    file = forms.FileField(label=_("上传文件(.docx、.txt)"), required=False,
                           widget=forms.ClearableFileInput(attrs={"accept": ".docx,.txt,.md"}))
    text = forms.CharField(label=_("或粘贴全文"), required=False, max_length=MAX_LAW_TEXT_CHARS,
                           widget=forms.Textarea(attrs={"rows": 14}),
                           help_text=_("第一行为法规名称;每一条以“第X条”开头"))
    field_order = ["file", "text"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件过大(超过20MB)"))
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not (cleaned.get("text") or "").strip():
            raise forms.ValidationError(_("请上传文件或粘贴法规全文"))
        return cleaned


class LawConfirmForm(LawMetadataForm):
    """Step two: the same values, with the text carried from the preview."""

    # A hidden textarea, not <input type=hidden>: the text's line breaks are its structure.
    text = forms.CharField(widget=forms.Textarea(attrs={"hidden": True, "aria-hidden": "true"}),
                           max_length=MAX_LAW_TEXT_CHARS, strip=False)


STATUS_CHANGES = [(LawStatus.AMENDED, LawStatus.AMENDED.label), (LawStatus.REPEALED, LawStatus.REPEALED.label),
                  (LawStatus.IN_FORCE, LawStatus.IN_FORCE.label)]


class LawStatusForm(FazhiForm):
    status = forms.ChoiceField(label=_("变更为"), choices=STATUS_CHANGES)
    on = date_field(_("变更日期"), help_text=_("修改或废止决定施行之日"))
    superseded_by = forms.ModelChoiceField(label=_("替代版本"), queryset=None, required=False,
                                           to_field_name="public_id", empty_label=_("无"),
                                           help_text=_("修改后的新版本须先导入法律法规库"))
    reason = forms.CharField(label=_("变更依据"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("如修改决定或废止决定的名称、文号"),
                             error_messages={"required": _("请填写变更依据")})

    def __init__(self, *args, user, law, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["superseded_by"].queryset = selectors.laws_for_choice(user=user, exclude=law)
