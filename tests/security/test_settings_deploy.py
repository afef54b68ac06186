"""Production settings come from the environment: no default secret, HTTPS hardening as opt-ins, a clean --deploy."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEY = "k" * 20 + "-Zq8vR2mT5yW9bN3cF6hJ1kL4pS7uX0eA-" + "z" * 20


def run(*args, **env):
    # The end-to-end tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never has it.
    dropped = ("DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    base = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run([sys.executable, *args], check=False, cwd=ROOT, env={**base, **env}, capture_output=True,
                          text=True, timeout=120)


def setting(name, **env):
    code = f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; django.setup(); " \
           f"from django.conf import settings; print(repr(getattr(settings, {name!r}, None)))"
    return run("-c", code, **env).stdout.strip()


def test_production_without_a_secret_key_does_not_start():
    result = run("manage.py", "check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_the_deploy_check_passes_with_the_https_opt_ins():
    result = run("manage.py", "check", "--deploy", "--fail-level", "WARNING", DEBUG="0", SECRET_KEY=KEY,
                 SECURE_SSL_REDIRECT="1", SECURE_HSTS_SECONDS="31536000", SECURE_HSTS_INCLUDE_SUBDOMAINS="1",
                 SECURE_HSTS_PRELOAD="1")
    assert result.returncode == 0, result.stdout + result.stderr


def test_cookies_are_secure_in_production():
    assert setting("SESSION_COOKIE_SECURE", DEBUG="0", SECRET_KEY=KEY) == "True"
    assert setting("CSRF_COOKIE_SECURE", DEBUG="0", SECRET_KEY=KEY) == "True"


def test_hsts_is_off_unless_asked_for():
    assert setting("SECURE_HSTS_SECONDS", DEBUG="0", SECRET_KEY=KEY) == "0"
    assert setting("SECURE_HSTS_SECONDS", DEBUG="0", SECRET_KEY=KEY, SECURE_HSTS_SECONDS="600") == "600"


def test_the_proxy_ssl_header_is_trusted_only_when_asked_for():
    assert setting("SECURE_PROXY_SSL_HEADER", DEBUG="0", SECRET_KEY=KEY) == "None"
    assert setting("SECURE_PROXY_SSL_HEADER", DEBUG="0", SECRET_KEY=KEY, SECURE_PROXY_SSL_HEADER="1") == \
        "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_csrf_trusted_origins_come_from_the_environment():
    value = setting("CSRF_TRUSTED_ORIGINS", CSRF_TRUSTED_ORIGINS="https://a.example.gov.tw, https://b.example.gov.tw")
    assert value == "['https://a.example.gov.tw', 'https://b.example.gov.tw']"


def documented_environment() -> dict[str, str]:
    lines = (ROOT / "deploy" / "production.env.example").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def test_the_deploy_check_passes_with_the_documented_production_environment():
    env = documented_environment() | {"SECRET_KEY": KEY}
    result = run("manage.py", "check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_keeps_database_connections_and_checks_them_before_reuse():
    env = documented_environment() | {"SECRET_KEY": KEY}
    assert setting("DATABASES", **env).count("'CONN_MAX_AGE': 60") == 1
    assert "'CONN_HEALTH_CHECKS': True" in setting("DATABASES", **env)


def test_production_serves_hashed_static_files_through_whitenoise():
    env = documented_environment() | {"SECRET_KEY": KEY}
    assert "CompressedManifestStaticFilesStorage" in setting("STORAGES", **env)
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in setting("MIDDLEWARE", **env)
