"""Create (idempotently) one named demo account per role and print them."""

from django.core.management.base import BaseCommand, CommandError

from fazhi.web.demo.accounts import DemoDistrictMissing, ensure_demo_accounts, format_accounts


class Command(BaseCommand):
    help = "创建各角色的演示账户(已存在则保留),并打印角色、用户名、密码、姓名、单位。"

    def handle(self, *args, **options):
        try:
            accounts = ensure_demo_accounts()
        except DemoDistrictMissing as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(format_accounts(accounts))
