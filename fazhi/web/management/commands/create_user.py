"""Create a login account (system administrators; there is no account screen in this build)."""

import getpass

from django.core.management.base import BaseCommand, CommandError

from fazhi.accounts import services
from fazhi.accounts.enums import Role
from fazhi.core.errors import DomainError
from fazhi.orgs.models import Organisation


class Command(BaseCommand):
    help = "创建登录账户:指定用户名、姓名、角色和所属单位;密码交互输入(或用 --password)。"

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--name", required=True, help="姓名")
        parser.add_argument("--role", required=True, choices=Role.values,
                            help="; ".join(f"{value}={label}" for value, label in Role.choices))
        parser.add_argument("--organisation", default="", help="所属单位的全称(义务监督员可不填)")
        parser.add_argument("--phone", default="")
        parser.add_argument("--password", default="", help="不填则交互输入")

    def handle(self, *args, username, name, role, organisation, phone, password, **options):
        org = None
        if organisation:
            org = Organisation.objects.filter(name=organisation).first()
            if org is None:
                raise CommandError(f"找不到单位“{organisation}”(请填写单位全称)")
        if not password:
            password = getpass.getpass("密码:")
            if password != getpass.getpass("再次输入密码:"):
                raise CommandError("两次输入的密码不一致")
        try:
            user = services.user_create(
                by=None, username=username, password=password, full_name=name, role=role, organisation=org,
                phone=phone, is_staff=role == Role.SYSTEM_ADMIN, is_superuser=role == Role.SYSTEM_ADMIN,
            )
        except DomainError as exc:
            raise CommandError(exc.display) from exc
        self.stdout.write(self.style.SUCCESS(
            f"已创建账户 {user.username}({user.display_name},{user.get_role_display()},"
            f"{org.name if org else '无所属单位'})"))
