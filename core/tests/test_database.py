"""PostgreSQL plans a query the site repeats once per connection, not once per request."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections

from config.tests.test_settings import run_python, start_up
from politics.models import Party

PRODUCTION_DATABASE = "postgres://u@db:5432/mandate"


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_query_run_again_and_again_is_prepared_on_the_connection():
    for _ in range(6):
        list(Party.objects.filter(slug="amanat"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        statements = [row[0] for row in cursor.fetchall()]
    assert any('FROM "politics_party"' in statement and "$1" in statement for statement in statements)


def database_options(**env):
    """The PostgreSQL connection options the settings build from ``env``, in a fresh interpreter."""
    script = "import config.settings as s; o = s.DATABASES['default'].get('OPTIONS', {}); print(o.get('server_side_binding'), o.get('prepare_threshold'))"
    result = run_python(script, **env)
    result.check_returncode()
    return result.stdout.split()


def test_prepared_statements_are_on_by_default_and_off_for_a_transaction_pooler():
    assert database_options(DATABASE_URL=PRODUCTION_DATABASE) == ["True", "5"]
    assert database_options(DATABASE_URL=PRODUCTION_DATABASE, DB_PREPARED_STATEMENTS="0") == ["None", "None"]
    code, stderr = start_up(DATABASE_URL=PRODUCTION_DATABASE, DB_PREPARED_STATEMENTS="perhaps")
    assert code != 0 and "DB_PREPARED_STATEMENTS" in stderr


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_query_whose_prepared_plan_a_migration_made_stale_still_answers():
    """Another process (a deploy's ``migrate``) changes the type of a column a prepared query returns."""
    query = "SELECT id, name FROM stale_plan_probe WHERE id = %s"
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE stale_plan_probe (id integer, name varchar(10))")
        cursor.execute("INSERT INTO stale_plan_probe VALUES (1, 'a')")
    migrating = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        for _ in range(6):  # prepared from the fifth run on
            with connection.cursor() as cursor:
                cursor.execute(query, [1])
        with migrating.cursor() as cursor:
            cursor.execute("ALTER TABLE stale_plan_probe ALTER COLUMN name TYPE varchar(20)")
        for _ in range(2):
            with connection.cursor() as cursor:
                cursor.execute(query, [1])
                assert cursor.fetchall() == [(1, "a")]
    finally:
        migrating.close()
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE stale_plan_probe")
