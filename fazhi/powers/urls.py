from fazhi.powers import urls_catalogue, urls_items, urls_laws

app_name = "powers"

urlpatterns = urls_laws.urlpatterns + urls_items.urlpatterns + urls_catalogue.urlpatterns
