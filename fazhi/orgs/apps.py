from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "fazhi.orgs"
    label = "orgs"
    verbose_name = "单位与执法主体"

    def ready(self):
        from fazhi.core.imports import registry
        from fazhi.orgs import importers
        from fazhi.orgs.scoping import scope_queryset

        registry.register(importers.OrganisationImporter())
        registry.register(importers.BodyImporter())
        # Import jobs belong to the uploader's organisation: colleagues in scope see them too.
        registry.set_job_scope(lambda queryset, user: scope_queryset(queryset, user))
