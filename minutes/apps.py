from django.apps import AppConfig


class MinutesConfig(AppConfig):
    name = "minutes"
    verbose_name = "會議紀錄"

    def ready(self):
        from minutes import search  # noqa: F401  (registers the `substring` lookup)
