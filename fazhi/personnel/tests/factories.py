import datetime as dt

import factory

from fazhi.core.validators import id_check_char
from fazhi.orgs.tests.factories import CategoryFactory, OrganisationFactory
from fazhi.personnel.enums import CertificateStatus, Gender, StaffType, SupervisorSector
from fazhi.personnel.models import Certificate, ExamResult, Officer, VolunteerSupervisor


def make_id_number(n: int, birth: dt.date = dt.date(1985, 6, 15)) -> str:
    """A checksum-valid resident ID number (region 150105) with sequence n."""
    first17 = f"150105{birth:%Y%m%d}{n % 1000:03d}"
    return first17 + id_check_char(first17)


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Officer

    name = factory.Sequence(lambda n: f"执法员{n}")
    gender = Gender.MALE
    id_number = factory.Sequence(lambda n: make_id_number(n % 1000, dt.date(1970, 1, 1) + dt.timedelta(days=n // 1000)))
    organisation = factory.SubFactory(OrganisationFactory)
    staff_type = StaffType.CIVIL_SERVANT
    post = "科员"


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: f"15010500{n:05d}")
    officer = factory.SubFactory(OfficerFactory)
    issuing_authority = "内蒙古自治区人民政府"
    area = "赛罕区"
    valid_from = dt.date(2023, 1, 1)
    valid_to = dt.date(2028, 12, 31)
    status = CertificateStatus.VALID

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        if create:
            obj.categories.set(extracted if extracted is not None else [CategoryFactory()])


class ExamResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExamResult

    officer = factory.SubFactory(OfficerFactory)
    exam_name = "2017年度行政执法资格考试"
    taken_on = dt.date(2017, 6, 10)
    score = 86
    passed = True


class SupervisorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerSupervisor

    name = factory.Sequence(lambda n: f"监督员{n}")
    gender = Gender.FEMALE
    sector = SupervisorSector.LAWYER
    term_start = dt.date(2017, 1, 1)
    term_end = dt.date(2019, 12, 31)
