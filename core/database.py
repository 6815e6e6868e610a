"""PostgreSQL prepared statements that a migration made stale.

With ``DB_PREPARED_STATEMENTS`` on, each connection prepares the queries it repeats. When a
migration run by another process changes the type of a column such a query returns,
PostgreSQL refuses the prepared plan ("cached plan must not change result type") every
time, until the connection goes. Outside a transaction the query is run again once after
the connection's statements are dropped; inside one the error stands (the transaction is
already aborted) and its rollback drops them."""

from django.db import NotSupportedError

STALE_PLAN_SQLSTATE = "0A000"  # feature_not_supported
STALE_PLAN_MESSAGE = "cached plan must not change result type"


def retry_stale_plan(execute, sql, params, many, context):
    try:
        return execute(sql, params, many, context)
    except NotSupportedError as error:
        connection = context["connection"]
        cause = error.__cause__
        stale = getattr(cause, "sqlstate", None) == STALE_PLAN_SQLSTATE and STALE_PLAN_MESSAGE in str(cause)
        if not stale or connection.in_atomic_block:
            raise
        # psycopg reads this command's status and forgets its own record of the statements too.
        connection.connection.execute("DEALLOCATE ALL")
        return execute(sql, params, many, context)


def install_retry_stale_plan(sender, connection, **kwargs):
    """``connection_created`` receiver: every PostgreSQL connection that prepares statements gets the retry."""
    if connection.vendor == "postgresql" and connection.settings_dict.get("OPTIONS", {}).get("prepare_threshold"):
        if retry_stale_plan not in connection.execute_wrappers:
            connection.execute_wrappers.insert(0, retry_stale_plan)
