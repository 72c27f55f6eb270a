from django.middleware.locale import LocaleMiddleware


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """The UI is Simplified Chinese unless the user picked another language with the switch (a cookie).

    The browser's Accept-Language is not consulted: an officer's phone set to English still gets the Chinese
    government UI by default, as the district expects."""

    def process_request(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)
