"""An e-mail backend for the worker fault tests: each message takes SLOW_MAIL_SECONDS to go out, as over a slow
SMTP link, then is written to a file of its own in EMAIL_FILE_PATH (one file per message, named by recipient)."""

import os
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        directory = Path(settings.EMAIL_FILE_PATH)
        for message in email_messages:
            time.sleep(float(os.environ.get("SLOW_MAIL_SECONDS", "1")))
            name = f"{message.to[0]}-{uuid.uuid4().hex}.eml"
            (directory / name).write_bytes(message.message().as_bytes())
        return len(email_messages)
