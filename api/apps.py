from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from consultazione.core import personal_data

        # The API's tokens are the API's business: erasing an account deletes them through the
        # registry, so the accounts services need not import DRF (an import-linter contract).
        personal_data.register("api_tokens", eraser=api_tokens_erase)


def api_tokens_erase(user) -> None:
    from rest_framework.authtoken.models import Token

    Token.objects.filter(user=user).delete()
