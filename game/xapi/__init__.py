"""Session records as xAPI statements, for an organisation's Learning Record Store (LRS).

JSON records on one laptop stay the default; this package is how an organisation grows past
them (docs/xapi.md). The parts, each with one job:

    ids        IRIs under the organisation's base, verbs, deterministic statement ids
    config     base IRI, store address, credentials (environment or save folder), sharing
    mapping    a record -> statements
    readback   statements -> records (so reports can be made from a store)
    schema     checks statements against statement.schema.json, which ships beside it
    outbox     statements waiting in the save folder until the store takes them
    send       HTTP to the store: post in batches, fetch with paging
    cli_export, cli_sync   the `export` and `sync` commands

The game itself never talks to a store: a record is written to disk as always, and `python
main.py sync` (run by a facilitator, or by a scheduled task) sends what is finished. So a
network that is down can never slow or stop play.
"""
