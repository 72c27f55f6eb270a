from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError


class CharacterClassValidator:
    """Minimum strength: a password mixes at least three of lower case, upper case, digits and symbols."""

    def validate(self, password, user=None):
        classes = [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < 3:
            raise ValidationError("密码须至少包含小写字母、大写字母、数字、符号中的三类", code="password_classes")

    def get_help_text(self):
        return "密码须至少包含小写字母、大写字母、数字、符号中的三类。"


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's length rule with its message in Chinese: Django 5.2 changed the English message, and its zh_Hans
    catalogue still carries the old msgid, so the stock validator answers in English."""

    def get_error_message(self):
        return f"密码太短,至少需要 {self.min_length} 个字符"

    def get_help_text(self):
        return f"密码至少需要 {self.min_length} 个字符。"
