"""GIN indexes of character bigrams on the record's searched text (PostgreSQL only; see minutes/search.py)."""

from django.db import migrations

from minutes import search

forwards, backwards = search.create_indexes(search.MINUTES_COLUMNS)


class Migration(migrations.Migration):
    dependencies = [("minutes", "0010_record_wording")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
