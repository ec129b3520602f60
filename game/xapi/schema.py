"""Statements checked against the xAPI statement schema that ships beside this file
(statement.schema.json), before anything is written or sent. Compiled once, on first use."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Callable

import fastjsonschema

SCHEMA_FILE = Path(__file__).with_name("statement.schema.json")


@lru_cache(maxsize=1)
def _validator() -> Callable[[object], object]:
    return fastjsonschema.compile(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def problem(statement: object) -> str:
    """'' for a statement the schema accepts, else what is wrong, in one line."""
    try:
        _validator()(statement)
    except OSError:  # an installation without its data files: no statement can be checked
        return f"the xAPI statement schema ({SCHEMA_FILE}) is missing from this installation"
    except fastjsonschema.JsonSchemaValueException as exc:
        return exc.message.replace("data", "statement", 1)  # fastjsonschema names the root "data"
    return ""


def problems(statements: list) -> list[tuple[int, str]]:
    """(index, what is wrong) for each statement the schema refuses."""
    return [(index, found) for index, s in enumerate(statements) if (found := problem(s))]
