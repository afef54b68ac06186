"""GIN indexes of character bigrams on case subjects and progress (PostgreSQL only; see minutes/search.py)."""

from django.db import migrations

from minutes import search

forwards, backwards = search.create_indexes(search.TRACKING_COLUMNS)


class Migration(migrations.Migration):
    dependencies = [("tracking", "0006_reminders_claimed_per_case_and_address"), ("minutes", "0011_bigram_search_indexes")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
