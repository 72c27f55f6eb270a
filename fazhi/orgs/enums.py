from django.db import models


class JurisdictionLevel(models.TextChoices):
    PROVINCE = "province", "省(自治区)"
    CITY = "city", "市"
    DISTRICT = "district", "区(县)"
    TOWN = "town", "镇"
    SUBDISTRICT = "subdistrict", "街道"


class OrganisationType(models.TextChoices):
    GOVERNMENT = "government", "人民政府"
    DEPARTMENT = "department", "政府部门"
    VERTICAL = "vertical", "垂直管理单位"
    TOWN = "town", "镇"
    SUBDISTRICT = "subdistrict", "街道办事处"
    OTHER = "other", "其他"


class BodyBasis(models.TextChoices):
    STATUTORY = "statutory", "法定"
    AUTHORISED = "authorised", "授权"
    ENTRUSTED = "entrusted", "委托"


class BodyStatus(models.TextChoices):
    ACTIVE = "active", "有效"
    SUSPENDED = "suspended", "暂停"
    CANCELLED = "cancelled", "撤销"
