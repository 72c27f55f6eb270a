"""Replay every draw of a random-inspection task from its record (GB58-REPLAY, docs/draw.md)."""

import uuid

from django.core.management.base import BaseCommand, CommandError

from fazhi.inspections.models import InspectionTask
from fazhi.inspections.replay import draw_replay


def _task(ref: str) -> InspectionTask:
    ref = ref.strip()
    qs = InspectionTask.objects.all()
    try:
        return qs.get(public_id=uuid.UUID(ref))
    except (ValueError, InspectionTask.DoesNotExist):
        pass
    try:
        return qs.get(number=ref)
    except InspectionTask.DoesNotExist:
        raise CommandError(f"找不到抽查任务:{ref}(请给出任务编号或公开标识)") from None


class Command(BaseCommand):
    help = ("Recompute every draw of a random-inspection task (抽查任务) from what was recorded — the pool snapshot "
            "and its digest, the inspector pool and its digest, the seed, the drawn objects and teams, the ledger "
            "entry — and say whether it is identical. Exit status 1 on any difference.")

    def add_arguments(self, parser):
        parser.add_argument("task", metavar="TASK", help="任务编号或公开标识(UUID)")

    def handle(self, *args, task, **options):
        task = _task(task)
        draws = list(task.draws.order_by("seq"))
        self.stdout.write(f"抽查任务 {task.number} {task.title}:共{len(draws)}次抽取")
        if not draws:
            self.stdout.write("本任务尚未抽取,没有可复核的内容")
            return
        differing = []
        for draw in draws:
            replay = draw_replay(draw)
            for line in replay.lines:
                self.stdout.write(line)
            self.stdout.write(f"第{draw.seq}次:{'与记录完全一致' if replay.identical else '发现不一致'}")
            if not replay.identical:
                differing.append(draw.seq)
        if differing:
            raise CommandError(f"抽查任务{task.number}的第{'、'.join(map(str, differing))}次抽取与记录不一致",
                               returncode=1)
        self.stdout.write(self.style.SUCCESS(f"抽查任务{task.number}的{len(draws)}次抽取均可由记录重算,结果完全一致"))
