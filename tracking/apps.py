from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "tracking"
    verbose_name = "列管追蹤"

    def ready(self):
        from minutes import extensions
        from tracking.extension import TrackingExtension

        extensions.register(TrackingExtension())
