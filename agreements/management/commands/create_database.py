"""Create the PostgreSQL database DATABASE_URL names, if it does not exist yet (`make run`)."""

import psycopg
from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connection
from psycopg import sql


class Command(BaseCommand):
    help = "Create the PostgreSQL database named by DATABASE_URL when it does not exist yet."

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            return  # SQLite creates its file on first use
        try:
            connection.ensure_connection()
            return
        except OperationalError as error:
            if "does not exist" not in str(error):
                raise CommandError(f"Cannot connect to the database: {error}") from error
        settings = connection.settings_dict
        name = settings["NAME"]
        server = {
            "dbname": "postgres",
            "user": settings["USER"] or None,
            "password": settings["PASSWORD"] or None,
            "host": settings["HOST"] or None,
            "port": settings["PORT"] or None,
        }
        try:
            with psycopg.connect(autocommit=True, **server) as admin:
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except psycopg.Error as error:
            raise CommandError(
                f"Database {name!r} does not exist and could not be created ({error}). "
                f"Create it with: createdb {name}"
            ) from error
        self.stdout.write(f"Created the PostgreSQL database {name!r}.")
