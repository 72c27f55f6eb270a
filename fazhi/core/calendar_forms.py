import datetime as dt

from django import forms

from fazhi.core.rule_table import RULES


class HolidayYearForm(forms.Form):
    year = forms.IntegerField(label="年份", min_value=2000, max_value=2100)
    notice = forms.CharField(label="通知文号或名称", max_length=200,
                             help_text="如:国务院办公厅关于2027年部分节假日安排的通知")
    published_on = forms.DateField(label="发布日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    days = forms.CharField(
        label="节假日安排",
        widget=forms.Textarea(attrs={"rows": 16, "placeholder": "2027-01-01 休 元旦\n2027-02-06 班 春节"}),
        help_text="每行一天:日期、“休”(法定节假日)或“班”(调休工作日)、节日名称。周末无须登记为“休”。",
    )
    reason = forms.CharField(label="修改原因", max_length=300, required=False,
                             help_text="修改已录入的年度时必填")


class DeadlineForm(forms.Form):
    rule_id = forms.ChoiceField(label="期限规则", choices=[(r.id, f"{r.id} {r.must}") for r in RULES])
    start = forms.DateField(label="起算日", widget=forms.DateInput(attrs={"type": "date"}), initial=dt.date.today)
    pause_from = forms.DateField(label="中止自", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    pause_to = forms.DateField(label="中止至", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    extension = forms.IntegerField(label="经批准延长", required=False, min_value=1)

    def clean(self):
        data = super().clean()
        if bool(data.get("pause_from")) != bool(data.get("pause_to")):
            raise forms.ValidationError("中止期间须同时填写起止日期")
        return data


class RuleOverrideForm(forms.Form):
    length = forms.IntegerField(label="期限长度", min_value=1, max_value=3650)
    extension_length = forms.IntegerField(label="可延长", min_value=0, max_value=3650, initial=0)
    reason = forms.CharField(label="调整依据", max_length=300)


class RuleResetForm(forms.Form):
    reason = forms.CharField(label="恢复原因", max_length=300)
