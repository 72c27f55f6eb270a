import factory

from fazhi.core.validators import USCC_ALPHABET, uscc_check_char
from fazhi.orgs.enums import BodyBasis, JurisdictionLevel, OrganisationType
from fazhi.orgs.models import EnforcementBody, EnforcementCategory, Jurisdiction, LegalLiaison, Organisation


def make_uscc(n: int) -> str:
    """A checksum-valid USCC for test organisation n (11 = government organ, region 150105 赛罕区)."""
    body = "11150105" + "".join(USCC_ALPHABET[(n // 31**i) % 31] for i in range(9))[::-1]
    return body + uscc_check_char(body)


class JurisdictionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jurisdiction
        django_get_or_create = ("code",)

    code = "150105"
    name = "赛罕区"
    level = JurisdictionLevel.DISTRICT


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnforcementCategory
        django_get_or_create = ("code",)

    code = "market"
    name = "市场监管"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"测试单位{n}")
    uscc = factory.Sequence(make_uscc)
    org_type = OrganisationType.DEPARTMENT
    jurisdiction = factory.SubFactory(JurisdictionFactory)


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnforcementBody

    name = factory.Sequence(lambda n: f"测试执法主体{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    basis = BodyBasis.STATUTORY
    qualification_certificate_number = factory.Sequence(lambda n: f"赛执主字第{n:04d}号")
    publication_batch = 1


class LiaisonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalLiaison

    organisation = factory.SubFactory(OrganisationFactory)
    name = "王法"
